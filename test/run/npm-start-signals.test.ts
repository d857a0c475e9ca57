import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllFakes, type RunningFakes } from '../fakes/index.js';
import { CBRL } from '../fakes/universe.js';

// `npm start` under a supervisor: npm forwards SIGINT/SIGTERM to its child only. With `sh -c "node ..."`
// between them the shell died and the scanner ran on, orphaned; the script now `exec`s the scanner, so the
// signal reaches it: it stops cleanly (store lock released, final status lines) and npm exits with its code.

/** Every descendant pid of `pid` (Linux /proc). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  const walk = (p: number) => {
    let text = '';
    try {
      text = readFileSync(`/proc/${p}/task/${p}/children`, 'utf8');
    } catch {
      return;
    }
    for (const c of text.trim().split(/\s+/).filter(Boolean).map(Number)) {
      out.push(c);
      walk(c);
    }
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, ok: () => boolean, limitMs = 60_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm start passes signals to the scanner', { skip: existsSync('/proc/self/task') ? false : 'needs Linux /proc' }, () => {
  let fakes: RunningFakes;
  const dir = mkdtempSync(join(tmpdir(), 'npm-start-'));
  before(async () => {
    fakes = await startAllFakes({ only: ['dexscreener', 'geckoterminal', 'jupiter', 'solana'] });
  });
  after(async () => {
    await fakes?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to npm stops the scanner cleanly and npm exits 0`, async () => {
      const db = join(dir, `${signal}.db`);
      const log = join(dir, `${signal}.jsonl`);
      const env: Record<string, string | undefined> = { ...process.env, ...fakes.env };
      for (const k of Object.keys(env)) if (k.startsWith('PUMP_SCANNER_') || k === 'BIRDEYE_API_KEY' || k === 'JUPITER_API_KEY') delete env[k];
      Object.assign(env, fakes.env);
      const npm = spawn('npm', ['start', '--', '--no-table', '--no-discovery', '--mint', CBRL.mint, '--db', db, '--log', log], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      npm.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
      npm.stdout!.resume();
      // 'exit', not 'close': an orphaned scanner would keep npm's pipes open.
      const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
      // Running: the store is locked by the scanner and its first status lines are in the log.
      await until('the scanner to start', () => existsSync(`${db}.lock`) && existsSync(log) && readFileSync(log, 'utf8').includes('"status"'));
      const tree = descendants(npm.pid!);
      const scanner = Number(readFileSync(`${db}.lock`, 'utf8'));
      assert.ok(tree.includes(scanner), `the scanner ${scanner} runs under npm (${tree.join(',')})`);
      npm.kill(signal);
      // A bound so that a signal npm never acts on fails the test instead of hanging it.
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('npm did not exit within 30 s'), 30_000).unref())]);
      try {
        assert.equal(code, 0, err);
        await until('every process under npm to end', () => tree.every((p) => !alive(p)), 10_000);
      } finally {
        // A failure must not leave an orphaned scanner behind.
        for (const p of [npm.pid!, ...tree]) if (alive(p)) process.kill(p, 'SIGKILL');
      }
      assert.equal(existsSync(`${db}.lock`), false, 'the scanner closed its store (lock released)');
      const lines = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; detail?: string });
      assert.ok(lines.some((l) => l.type === 'status' && l.detail === 'final'), 'final status lines written');
    });
  }
});
