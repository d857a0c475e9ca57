import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJsonlLog } from '../../src/outputs/jsonl.js';
import type { LogLine } from '../../src/domain/signals.js';
import { runCli } from '../hardening/cli-run.js';

// `--log <path>` writes a regular file through a temporary file and a rename; a device or a FIFO must be
// written directly, or the rename would replace it with a plain file (as root: /dev/null itself).
// The device here is a private copy of /dev/null (mknod c 1 3 in a temp folder), never the real one.

const line = (i: number): LogLine => ({ v: 1, type: 'dropped', ts: i, mint: null, pool: null, symbol: null, id: `d${i}`, reason: 'late', detail: 'x', inputKind: 'candle', inputTs: i } as unknown as LogLine);

function tryMknod(path: string): boolean {
  try {
    execFileSync('mknod', [path, 'c', '1', '3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A FIFO and a reader collecting what is written into it. */
function fifoWithReader(dir: string): { path: string; read: Promise<string> } {
  const path = join(dir, 'pipe');
  execFileSync('mkfifo', [path]);
  const cat = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  cat.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  return { path, read: new Promise((resolve) => cat.on('close', () => resolve(out))) };
}

describe('JSONL log onto devices and FIFOs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jsonl-targets-'));
  const device = join(dir, 'null');
  const haveDevice = tryMknod(device);

  it('a device stays a device in replace and append mode', { skip: haveDevice ? false : 'mknod needs root' }, () => {
    for (const mode of ['replace', 'append'] as const) {
      const w = openJsonlLog(device, { mode });
      for (let i = 0; i < 3; i++) w.write(line(i));
      w.close();
      assert.ok(statSync(device).isCharacterDevice(), `${mode}: ${device} is no longer a device`);
    }
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp-')), [], 'no temporary file left');
  });

  it('a FIFO stays a FIFO and its reader gets every line, complete', async () => {
    for (const mode of ['replace', 'append'] as const) {
      const fifo = fifoWithReader(dir);
      const w = openJsonlLog(fifo.path, { mode });
      for (let i = 0; i < 5; i++) w.write(line(i));
      w.close();
      const got = await fifo.read;
      assert.ok(statSync(fifo.path).isFIFO(), `${mode}: the FIFO was replaced`);
      assert.deepEqual(got.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { id: string }).id), ['d0', 'd1', 'd2', 'd3', 'd4']);
      rmSync(fifo.path);
    }
  });

  it('a FIFO whose reader goes away: the writer says so once, writes nothing more and throws nothing', () => {
    const path = join(dir, 'gone');
    execFileSync('mkfifo', [path]);
    // A reader that never reads, so the writer's open does not block; then it closes.
    const reader = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    let gone = 0;
    const w = openJsonlLog(path, { mode: 'append', bufferBytes: 1, onReaderGone: () => gone++ });
    w.write(line(0));
    assert.equal(gone, 0);
    closeSync(reader);
    for (let i = 1; i < 5; i++) w.write(line(i));
    w.close();
    assert.equal(gone, 1);
    rmSync(path);
  });

  it('a regular file still gets the temporary file and the rename (replace) and is a regular file', () => {
    const file = join(dir, 'plain.jsonl');
    writeFileSync(file, 'old\n');
    const w = openJsonlLog(file, { mode: 'replace' });
    w.write(line(1));
    assert.equal(readFileSync(file, 'utf8'), 'old\n', 'the old file stays until the new one is complete');
    w.close();
    assert.ok(statSync(file).isFile());
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 1);
  });

  it('replay --log onto a FIFO streams the signal log through it', async () => {
    const fifo = fifoWithReader(dir);
    const r = await runCli({ args: ['replay', '--log', fifo.path, '--no-progress'], timeoutMs: 60_000 });
    const got = await fifo.read;
    assert.equal(r.code, 0, r.err);
    assert.ok(statSync(fifo.path).isFIFO());
    const types = new Set(got.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { type: string }).type));
    assert.ok(types.has('confirmation') && types.has('ignition'), [...types].join(','));
    rmSync(fifo.path);
  });

  it('replay --log onto a device leaves the device', { skip: haveDevice ? false : 'mknod needs root' }, async () => {
    const r = await runCli({ args: ['replay', '--log', device, '--no-progress'], timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.err);
    assert.ok(statSync(device).isCharacterDevice());
  });

  it('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});
