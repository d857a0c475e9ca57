import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchInput } from './gen.js';
import { int, printTable } from './md.js';
import { scriptNodeFlags } from './node-flags.js';
import { runMeasured } from './proc-time.js';
import { SHARED_DATA } from '../test/support/shared-data.js';

const here = import.meta.dirname ?? new URL('.', import.meta.url).pathname;
const CLI = join(here, '..', 'src', 'cli.js');
const TIME = '/usr/bin/time';
const RUNS = 3;
/** Set by benchReplay from package.json. */
let FLAGS: string[] = [];

/**
 * One whole process: wall and CPU seconds and peak RSS from /usr/bin/time, or where that is not installed from
 * /proc (proc-time.ts: CPU of the waited-for child, peak RSS sampled every 5 ms); null where neither tells.
 */
interface Run { rows: number; wallS: number; cpuS: number | null; rssMb: number | null }

/** `taskset` when present: the one-core runs pin the process (all its threads) to one core, the first this process may use. */
const TASKSET = ['/usr/bin/taskset', '/bin/taskset'].find((p) => existsSync(p)) ?? null;
function firstCpu(): string {
  try {
    return /Cpus_allowed_list:\s*(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';
  } catch {
    return '0';
  }
}

/** The node flags `npm run replay` starts the CLI with, so the bench measures the replay as users start it. */
export function replayNodeFlags(packageJson: string): string[] {
  return scriptNodeFlags(packageJson, 'replay', 'replay');
}

/** Rows a process reports: the reference parses print a JSON line with `rows`, the replay its summary's inputs. */
function rowsOf(out: string): number {
  const self = /^\{.*\}$/m.exec(out);
  return self ? (JSON.parse(self[0]) as { rows: number }).rows : Number(/inputs (\d+)/.exec(out)?.[1] ?? NaN);
}

async function run(args: string[], dir: string, oneCore = false): Promise<Run> {
  const node = oneCore && TASKSET !== null ? [TASKSET, '-c', firstCpu(), process.execPath] : [process.execPath];
  if (!existsSync(TIME)) {
    const u = await runMeasured(node[0], [...node.slice(1), ...args]);
    return { rows: rowsOf(u.stdout), wallS: u.wallS, cpuS: u.cpuS, rssMb: u.rssMb };
  }
  const times = join(dir, 'time.txt');
  const out = execFileSync(TIME, ['-f', '%e %U %S %M', '-o', times, ...node, ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const [e, u, s, kb] = readFileSync(times, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { rows: rowsOf(out), wallS: e, cpuS: u + s, rssMb: kb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The median of figures a system may not give (null): '-' when any is missing. */
const medianOf = (xs: (number | null)[]) => (xs.some((x) => x === null) ? null : median(xs as number[]));

/** RUNS whole-process runs of each way of reading `files` (one replay of them all), interleaved so load changes hit all alike. */
async function measure(label: string, files: string[], dir: string): Promise<(string | number)[]> {
  const replayArgs = [CLI, 'replay', ...files.flatMap((f) => ['--input', f]), '--log', join(dir, 'out.jsonl'), '--no-progress'];
  const ways: Record<string, string[]> = {
    readline: [join(here, 'replay-child.js'), 'readline', ...files],
    bytes: [join(here, 'replay-child.js'), 'bytes', ...files],
    replay: [...FLAGS, ...replayArgs],
    // The same replay started by a plain `node dist/src/cli.js replay` (without the npm script's node flags).
    plain: replayArgs,
    // The replay as `npm run replay` starts it, pinned to one core (the target).
    oneCore: [...FLAGS, ...replayArgs],
  };
  if (TASKSET === null) delete ways.oneCore;
  const runs: Record<string, Run[]> = Object.fromEntries(Object.keys(ways).map((w) => [w, []]));
  for (let i = 0; i < RUNS; i++) for (const w of Object.keys(ways)) runs[w].push(await run(ways[w], dir, w === 'oneCore'));
  // Rates are of the file's candles; the replay applies those of the finest interval per pool.
  const n = runs.readline[0].rows;
  const replayed = runs.replay[0].rows;
  for (const [w, rs] of Object.entries(runs)) {
    const want = w === 'readline' || w === 'bytes' ? n : replayed;
    if (rs.some((r) => r.rows !== want)) throw new Error(`${label}: ${w} read ${rs.map((r) => r.rows).join('/')} rows, expected ${want}`);
  }
  const wall = (w: string) => median(runs[w].map((r) => r.wallS));
  const cpu = (w: string) => medianOf(runs[w].map((r) => r.cpuS));
  const perCpu = (w: string) => (cpu(w) === null ? '-' : int(n / cpu(w)!));
  const cpuRatio = (w: string) => (cpu(w) === null || cpu('replay') === null ? '-' : (cpu(w)! / cpu('replay')!).toFixed(2));
  const rss = (w: string) => { const m = medianOf(runs[w].map((r) => r.rssMb)); return m === null ? '-' : m.toFixed(0); };
  const rate = (w: string) => `${int(n / wall(w))}`;
  const spread = (w: string) => `${int(n / Math.max(...runs[w].map((r) => r.wallS)))}-${int(n / Math.min(...runs[w].map((r) => r.wallS)))}`;
  const ratio = (w: string) => `${(wall(w) / wall('replay')).toFixed(2)} / ${cpuRatio(w)}`;
  return [
    label, replayed === n ? int(n) : `${int(n)} (${int(replayed)} replayed)`, (files.reduce((b, f) => b + statSync(f).size, 0) / 1e6).toFixed(1),
    `${rate('replay')} (${spread('replay')})`, perCpu('replay'), perCpu('plain'), runs.oneCore ? `${rate('oneCore')} (${spread('oneCore')})` : '-',
    rate('readline'), rate('bytes'), ratio('readline'), ratio('bytes'),
    `${rss('replay')} / ${rss('readline')} / ${rss('bytes')}`,
  ];
}

/**
 * The replay against the two reference parses of the same file, in one run: candles per second of
 * whole processes (start-up included), the time ratios, and peak RSS.
 */
export async function benchReplay(root: string): Promise<void> {
  FLAGS = replayNodeFlags(join(root, 'package.json'));
  const dir = mkdtempSync(join(tmpdir(), 'pump-bench-'));
  try {
    console.log(`\n## replay end to end vs a plain readline parse and a byte-level parse of the same file`);
    console.log(`Each figure: the median of ${RUNS} whole processes per way, interleaved (range in brackets), wall time from \`/usr/bin/time\` (where it is not installed: measured from here, CPU from /proc, peak RSS sampled every 5 ms) including node start-up. "replay" is \`node ${FLAGS.join(' ')} dist/src/cli.js replay --input <file> --log <tmp> --no-progress\` (the node flags of \`npm run replay\`): read, parse, merge, engine with confidence, JSONL log written and moved into place. "plain node": the same without those flags. "one core": the same as "replay", pinned with \`taskset -c <cpu>\` (all threads on one core). "readline": \`readline\` + \`split\` + \`Number\` of the time and five prices, nothing checked. "bytes": one pass over the bytes into typed columns (time, OHLCV) with the reader's exact decimal fast path, no series lookup, nothing checked (bench/replay-limits.ts). Ratio = reference time / replay time (1.00 = as fast as the reference), of wall time and of CPU time (user + system); on a shared machine the CPU figures say more, since wall time includes waiting for a core. Synthetic files (bench/gen.ts): the first rows of the real CBRL 1m candles (samples/cbrl-1m.csv) repeated under 1,000 pools, rows interleaved by time (\`pool,interval,timestamp,open,high,low,close,volume_usd\`).`);
    const rows: (string | number)[][] = [];
    for (const perPool of [1000, 4000]) {
      const file = join(dir, `candles-${perPool}.csv`);
      await writeBenchInput(file, root, 1000, 1, perPool);
      rows.push(await measure(`synthetic: 1,000 pools x ${int(perPool)} 1m candles`, [file], dir));
      rmSync(file);
    }
    // The same million candles as two files of 500 pools each, replayed together (--input a --input b).
    const halves = [0, 500].map((first) => join(dir, `candles-half-${first}.csv`));
    for (const [i, file] of halves.entries()) await writeBenchInput(file, root, 500, 1, 1000, 500 * i);
    rows.push(await measure('synthetic: 2 files x 500 pools x 1,000 1m candles', halves, dir));
    for (const file of halves) rmSync(file);
    if (SHARED_DATA === null) console.log('(real-data rows skipped: ../shared/data not found)');
    else {
      const gt = join(SHARED_DATA, 'snogcel__geckoterminal_collector');
      rows.push(await measure('real: collector specs/QA/ohlcv_data_2.csv (54 pools, 1m..1d)', [join(gt, 'specs', 'QA', 'ohlcv_data_2.csv')], dir));
      rows.push(await measure('real: collector CASE_STUDY/ohlcv_data_2025_10_05.csv', [join(gt, 'CASE_STUDY', 'ohlcv_data_2025_10_05.csv')], dir));
    }
    printTable(['input', 'candles', 'file MB', 'replay (candles/s, wall)', 'replay (candles per CPU second)', 'plain node (candles per CPU second)', 'one core (candles/s, wall)', 'readline (candles/s)', 'bytes (candles/s)', 'replay vs readline (wall / CPU)', 'replay vs bytes (wall / CPU)', 'peak RSS replay / readline / bytes (MB)'], rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
