// `npm run bench`: prints figures; nothing here asserts on time.
import { benchReplay } from './replay.js';

const root = process.cwd();
const only = process.argv.slice(2);
const suites: Array<[string, () => Promise<void>]> = [['replay', () => benchReplay(root)]];
console.log(`# pump-scanner benchmarks (node ${process.version}, ${process.platform} ${process.arch})`);
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  await run();
}
