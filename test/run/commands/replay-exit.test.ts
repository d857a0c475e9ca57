import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli } from '../../hardening/cli-run.js';

// A file replay ends its process as soon as its output is written (cli.ts, exitOnceWritten), without waiting for
// the heap's teardown. Output still queued in Node must not be lost: a summary printed into a full pipe.

/** Bytes that fill a pipe of the default capacity (64 KiB on Linux) before the replay starts. */
const FILL = 1 << 16;

/**
 * A file replay whose stdout is a pipe already full (FILL bytes written before it starts) and read only once its
 * log is in place, 0.2 s later: the summary, printed right after the log's rename, is queued in Node (EAGAIN).
 */
function intoFullPipe(log: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const script = '{ head -c "$FILL" /dev/zero; "$NODE" "$CLI" replay --no-progress --log "$LOG"; echo "exit=$?"; } | { while [ ! -e "$LOG" ]; do sleep 0.05; done; sleep 0.2; cat; }';
    const env = { PATH: process.env.PATH ?? '', NODE: process.execPath, CLI, LOG: log, FILL: String(FILL) };
    const child = spawn('sh', ['-c', script], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('latin1').on('data', (s: string) => (out += s));
    const kill = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(kill);
      const m = /exit=(\d+)\n$/.exec(out);
      resolve({ code: m ? Number(m[1]) : null, out: out.slice(0, m ? m.index : out.length) });
    });
  });
}

describe('how a replay ends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'replay-exit-'));
  // Its third row has a price that is not a number: the replay fails with exit 2.
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'timestamp,open,high,low,close,volume_usd\n1755726000,1,1,1,1,5\n1755726060,1,x,1,1,5\n');

  it('a summary queued behind a full pipe is written before the process ends', async () => {
    const ref = await runCli({ args: ['replay', '--no-progress', '--log', join(dir, 'ref.jsonl')], timeoutMs: 60_000 });
    assert.equal(ref.code, 0, ref.err);
    const got = await intoFullPipe(join(dir, 'piped.jsonl'));
    assert.equal(got.code, 0, got.out.slice(FILL));
    assert.equal(got.out.length, FILL + ref.out.length - 'ref'.length + 'piped'.length);
    assert.equal(got.out.slice(FILL), ref.out.replace('ref.jsonl', 'piped.jsonl'));
    assert.equal(readFileSync(join(dir, 'piped.jsonl'), 'utf8'), readFileSync(join(dir, 'ref.jsonl'), 'utf8'));
  });

  it('the exit code of a failed replay is kept (2, one line, no log)', async () => {
    const log = join(dir, 'bad.jsonl');
    const r = await runCli({ args: ['replay', '--input', bad, '--log', log, '--no-progress'] });
    assert.equal(r.code, 2, r.err);
    assert.equal(r.err.trim().split('\n').length, 1);
    assert.throws(() => readFileSync(log), { code: 'ENOENT' });
  });

  it('a replay over an older log replaces it, and one that fails leaves it', async () => {
    const log = join(dir, 'kept.jsonl');
    writeFileSync(log, 'older\n');
    const failed = await runCli({ args: ['replay', '--input', bad, '--log', log, '--no-progress'] });
    assert.equal(failed.code, 2, failed.err);
    assert.equal(readFileSync(log, 'utf8'), 'older\n');
    const r = await runCli({ args: ['replay', '--no-progress', '--log', log], timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.err);
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    assert.ok(lines.length > 0);
    assert.ok(lines.every((l) => (JSON.parse(l) as { v: number }).v === 1));
  });

  it('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});
