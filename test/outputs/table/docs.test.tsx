import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { from } from 'rxjs';
import { startPlainLines } from '../../../src/outputs/table/index.js';
import { renderDocExample } from './doc-example.js';
import { replayCbrlSample } from './real-replay.js';

// The documented examples are kept equal to what the code prints: a block after `<!-- table-example -->`
// is the table rendered from the fixed stream of doc-example.tsx; a block after `<!-- plain-example -->`
// holds plain lines, each of which the real replay of the bundled sample must print.
const DOCS = ['docs/table.md', 'README.md'];

function markedBlocks(file: string, marker: string): string[] {
  const text = readFileSync(resolve(process.cwd(), file), 'utf8');
  const out: string[] = [];
  const re = new RegExp(`<!-- ${marker} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1]);
  return out;
}

test('the table examples in docs/table.md and README.md are what the table renders', async () => {
  const rendered = await renderDocExample();
  let seen = 0;
  for (const file of DOCS) {
    for (const block of markedBlocks(file, 'table-example')) {
      seen++;
      assert.equal(block, rendered, `${file}: the example differs from the rendered table; print it with node dist/test/outputs/table/doc-example.js`);
    }
  }
  assert.ok(seen >= 2, `expected a table example in each of ${DOCS.join(', ')}, found ${seen}`);
});

test('the plain-line examples are lines the replay of the bundled sample prints', async () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  await startPlainLines(from(await replayCbrlSample()), out).done;
  const printed = new Set(text.trimEnd().split('\n'));
  let seen = 0;
  for (const file of DOCS) {
    for (const block of markedBlocks(file, 'plain-example')) {
      for (const line of block.split('\n')) {
        seen++;
        assert.ok(printed.has(line), `${file}: "${line}" is not printed by the replay of samples/cbrl-1m.csv`);
      }
    }
  }
  assert.ok(seen >= 3, `expected plain-line examples, found ${seen}`);
});
