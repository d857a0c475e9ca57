import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, runCli } from '../hardening/cli-run.js';

// `replay --log -` writes the JSONL to stdout. A pipe there is non-blocking once Node has opened
// process.stdout, so a reader slower than the replay fills it and a write answers EAGAIN: the writer must
// wait for the reader, not stop (or lose and repeat part of its buffer).

/**
 * The replay of the bundled sample with its log on stdout, through a shell pipe (a child's stdio from Node is a
 * socket with a larger buffer) into a reader that starts late: the pipe (64 KiB) is full long before the
 * sample's log (~240 KB) is out. The replay's exit code comes back on stderr.
 */
function slowlyRead(reader = '{ sleep 0.5; cat; }'): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const script = `{ "$NODE" "$CLI" replay --no-progress --log -; echo "exit=$?" >&2; } | ${reader}`;
    const child = spawn('sh', ['-c', script], { env: { PATH: process.env.PATH ?? '', NODE: process.execPath, CLI }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(kill);
      const m = /exit=(\d+)/.exec(err);
      resolve({ code: m ? Number(m[1]) : null, out, err });
    });
  });
}

describe('JSONL log on a piped stdout', () => {
  it('a slow reader gets every line once, as the log file has them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jsonl-stdout-'));
    try {
      const file = join(dir, 'log.jsonl');
      const ref = await runCli({ args: ['replay', '--no-progress', '--log', file] });
      assert.equal(ref.code, 0, ref.err);
      const want = readFileSync(file, 'utf8');
      assert.ok(want.length > 1 << 17, 'the sample log is larger than a pipe buffer');
      const got = await slowlyRead();
      assert.equal(got.code, 0, got.err);
      assert.equal(got.out, want);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reader that goes away (`| head -n 3`) ends the log, not the replay: exit 0, no error, the summary on stderr', async () => {
    const got = await slowlyRead('head -n 3');
    assert.equal(got.code, 0, got.err);
    const lines = got.out.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, 3);
    for (const l of lines) assert.equal(JSON.parse(l).v, 1);
    assert.doesNotMatch(got.err, /EPIPE|pump-scanner:/);
    assert.match(got.err, /^tokens 1 /m);
  });
});
