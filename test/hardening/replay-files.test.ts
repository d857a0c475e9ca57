import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linesOf, mapLimit, runCli } from './cli-run.js';
import { openReplayInputs, ReplayInputError } from '../../src/sources/recorded/index.js';
import { replayBatches } from '../../src/run/replay.js';
import { loadConfig } from '../../src/config/load.js';

// Broken replay files through the real CLI: exit 2, one stderr line naming the file and (where the
// problem has one) the line, and no log file, not even a temp file, left behind.

const SAMPLE = readFileSync(join(process.cwd(), 'samples', 'cbrl-1m.csv'), 'utf8');
const LINES = SAMPLE.split('\n');
const HEADER = LINES[0];
/** Line number (1-based) of the last line of a text that does not end with a newline. */
const lastLine = (text: string) => text.split('\n').length;

/** GeckoTerminal ohlcv_list JSON of the sample's first 300 rows, pretty-printed (one number per line). */
function geckoJson(): string {
  const rows = LINES.slice(1, 301).map((l) => l.split(','));
  const doc = { data: { attributes: { ohlcv_list: rows.map((r) => [+r[3], +r[4], +r[5], +r[6], +r[7], +r[8]]) } }, meta: { base: { address: rows[0][0] } } };
  return JSON.stringify(doc, null, 2);
}

/** NDJSON candles of the sample's first rows, in our own input format. */
function ndjsonLines(n: number): string[] {
  return LINES.slice(1, n + 1).map((l) => {
    const r = l.split(',');
    const start = +r[3] * 1000;
    return JSON.stringify({ kind: 'candle', knownAt: start + 60_000, mint: r[0], pool: r[1], source: 'file', start, intervalMs: 60_000, open: +r[4], high: +r[5], low: +r[6], close: +r[7], volumeUsd: +r[8], final: true });
  });
}

describe('broken replay files', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'pump-files-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses each with exit 2, the file and the line, and leaves no log behind', async () => {
    const put = (name: string, data: string | Buffer) => {
      writeFileSync(join(dir, name), data);
      return join(dir, name);
    };
    const truncated = SAMPLE.slice(0, 3000);
    const binary = Buffer.concat([Buffer.from(`${HEADER}\n${LINES[1]}\n`), Buffer.from([0x37, 0x00, 0xff, 0xfe, 0x01]), Buffer.alloc(2048, 7)]);
    const mixed = [HEADER, ...LINES.slice(1, 5), LINES[5].replace(/,(\d{10}),/, ',$1000,'), ...LINES.slice(6, 9)].join('\n');
    const json = geckoJson();
    const jsonCut = json.slice(0, Math.floor(json.length / 2));
    const bigField = `${HEADER}\n${LINES[1]}\n${LINES[2].replace(',1m,', `,1m${'z'.repeat(1 << 20)},`)}\n`;
    const cases: Array<{ name: string; files: string[]; line: number | null }> = [
      { name: 'truncated mid-row', files: [put('truncated.csv', truncated)], line: lastLine(truncated) },
      { name: 'binary', files: [put('binary.csv', binary)], line: 3 },
      { name: 'empty', files: [put('empty.csv', '')], line: null },
      { name: 'header only', files: [put('header.csv', `${HEADER}\n`)], line: null },
      { name: 'unknown columns', files: [put('unknown.csv', 'foo,bar,baz\n1,2,3\n')], line: 1 },
      { name: 'a row with an extra column', files: [put('extra.csv', [HEADER, LINES[1], LINES[2], `${LINES[3]},42`, LINES[4]].join('\n'))], line: 4 },
      { name: 'seconds and milliseconds mixed in one column', files: [put('mixed.csv', mixed)], line: 6 },
      { name: 'JSON cut in half', files: [put('cut.json', jsonCut)], line: lastLine(jsonCut) },
      { name: 'NDJSON line that is not an input', files: [put('bad.ndjson', [...ndjsonLines(3), '{"kind":"candle","knownAt":1}'].join('\n'))], line: 4 },
      { name: 'a 1 MB field', files: [put('bigfield.csv', bigField)], line: 3 },
      { name: 'a good file, then a broken one', files: [put('good.csv', SAMPLE), put('later.csv', truncated)], line: lastLine(truncated) },
      { name: 'a good folder file, then a broken one', files: [put('good-first.ndjson', ndjsonLines(50).join('\n')), put('later.ndjson', `${ndjsonLines(2).join('\n')}\n{"kind":`)], line: 3 },
    ];
    const results = await mapLimit(cases, 2, (c) => {
      const log = join(dir, 'logs', `${c.name.replace(/\W+/g, '-')}.jsonl`);
      return runCli({ args: ['replay', '--no-progress', ...c.files.flatMap((f) => ['--input', f]), '--log', log] });
    });
    const failures: string[] = [];
    results.forEach((r, i) => {
      const c = cases[i];
      const lines = linesOf(r.err);
      const bad = c.files.at(-1)!;
      const where = c.line === null ? `${bad}: ` : `${bad}:${c.line}: `;
      if (r.code !== 2 || lines.length !== 1 || !lines[0].startsWith(`pump-scanner: ${where}`) || lines[0].length > 400) {
        failures.push(`${c.name}: exit ${r.code}, stderr ${JSON.stringify(r.err.slice(0, 300))}`);
      }
    });
    assert.deepEqual(failures, []);
    assert.equal(existsSync(join(dir, 'logs')) ? readdirSync(join(dir, 'logs')).length : 0, 0, 'a log (or its temp file) was left behind');
  });

  it('replays a file with a 5 MB string field in an NDJSON line and refuses a 40 MB line clearly', async () => {
    const logs = join(dir, 'huge-logs');
    mkdirSync(logs, { recursive: true });
    const good = ndjsonLines(5);
    good[2] = good[2].replace(/}$/, `,"note":"${'y'.repeat(5_000_000)}"}`);
    writeFileSync(join(dir, 'wide.ndjson'), good.join('\n') + '\n');
    writeFileSync(join(dir, 'huge.ndjson'), [...ndjsonLines(2), JSON.stringify({ kind: 'candle', pad: 'x'.repeat(40_000_000) })].join('\n') + '\n');
    const [wide, huge] = await mapLimit(['wide', 'huge'], 2, (n) => runCli({ args: ['replay', '--no-progress', '--input', join(dir, `${n}.ndjson`), '--log', join(logs, `${n}.jsonl`)] }));
    assert.equal(wide.code, 0, wide.err);
    assert.match(wide.out, /inputs 5 /);
    assert.equal(huge.code, 2, huge.err.slice(0, 300));
    assert.equal(linesOf(huge.err).length, 1);
    assert.ok(huge.err.startsWith(`pump-scanner: ${join(dir, 'huge.ndjson')}:3: `), huge.err.slice(0, 300));
    assert.deepEqual(readdirSync(logs), ['wide.jsonl']);
  });

  it('aborts a streamed file whose bad row only shows on the second read, leaving no log', async () => {
    // With no memory budget the file is streamed: the first pass reads keys only (times, pool, interval),
    // so a negative price is found while replaying, after the log was opened.
    const rows = LINES.slice(1).filter((l) => l.trim() !== '');
    const bad = rows.slice();
    bad[700] = bad[700].replace(/,([^,]+)$/, ',-5');
    const file = join(dir, 'streamed.csv');
    writeFileSync(file, [HEADER, ...bad].join('\n') + '\n');
    const log = join(dir, 'streamed-logs', 'out.jsonl');
    const inputs = await openReplayInputs([file], { keepInMemoryBytes: 0 });
    const cfg = loadConfig({ presets: ['replay'], env: {} });
    await assert.rejects(replayBatches(inputs.batches(), { cfg, logPath: log }), (e: unknown) => e instanceof ReplayInputError && e.file === file && e.line === 702);
    assert.deepEqual(readdirSync(join(dir, 'streamed-logs')), []);
  });
});
