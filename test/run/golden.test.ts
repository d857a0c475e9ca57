import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The golden replay: the bundled real sample in, the JSONL out, byte for byte. It guards determinism,
// no look-ahead (any change to when a line is decided changes the file) and the log schema. After an
// intended change, regenerate with `node scripts/update-golden.mjs` and review the diff.
const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');
const GOLDEN = join(process.cwd(), 'test', 'fixtures', 'golden', 'cbrl-1m.jsonl');

function replayTo(dir: string, name: string): Buffer {
  const log = join(dir, name);
  execFileSync(process.execPath, [CLI, 'replay', '--input', join(process.cwd(), 'samples', 'cbrl-1m.csv'), '--log', log, '--no-progress'], { env: { PATH: process.env.PATH }, stdio: 'pipe' });
  return readFileSync(log);
}

describe('golden replay', () => {
  let dir = '';
  let a: Buffer = Buffer.alloc(0);
  let b: Buffer = Buffer.alloc(0);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pump-golden-'));
    a = replayTo(dir, 'a.jsonl');
    b = replayTo(dir, 'b.jsonl');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reproduces the recorded log of the bundled sample byte for byte, run after run', () => {
    assert.ok(a.equals(b), 'two runs differ');
    assert.ok(existsSync(GOLDEN), 'golden file missing: run node scripts/update-golden.mjs');
    const golden = readFileSync(GOLDEN);
    if (!a.equals(golden)) {
      const al = a.toString().split('\n');
      const gl = golden.toString().split('\n');
      const i = al.findIndex((l, k) => l !== gl[k]);
      assert.fail(`log differs from the golden file at line ${i + 1}:\n  got    ${al[i]}\n  golden ${gl[i]}`);
    }
  });

  // Reads this run's log, not the committed fixture, so a schema change fails here even before the golden
  // file is regenerated to match it.
  it('writes only lines of the documented schema', () => {
    const lines = a.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const types = new Set(['ignition', 'confirmation', 'fade', 'outcome', 'rejected', 'near_miss', 'status', 'dropped', 'bad_data']);
    for (const l of lines) {
      assert.equal(l.v, 1);
      assert.ok(types.has(l.type as string), String(l.type));
      for (const k of ['ts', 'mint', 'pool', 'symbol', 'id']) assert.ok(k in l, `${l.type} lacks ${k}`);
      if (l.type === 'ignition' || l.type === 'confirmation') for (const k of ['ladder', 'gates', 'confidence', 'window4hStart']) assert.ok(k in l, `${l.type} lacks ${k}`);
      if (l.type === 'outcome') for (const k of ['signalId', 'result', 'rMultiple', 'mfePct', 'maePct']) assert.ok(k in l, `outcome lacks ${k}`);
    }
    assert.ok(lines.some((l) => l.type === 'ignition') && lines.some((l) => l.type === 'confirmation') && lines.some((l) => l.type === 'outcome'));
  });
});
