import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lockStore, openStore, StoreError } from '../../src/store/index.js';
import { runCli } from '../hardening/cli-run.js';
import { tempDir } from './helpers.js';

// One scan per store: a second scan on a store held by a running one refuses at once, naming the holder's
// pid; a lock left by a process that no longer runs (kill -9) is taken over.

/** A child process holding the store's lock until killed. */
async function holder(path: string): Promise<ChildProcess> {
  const lockModule = join(process.cwd(), 'dist', 'src', 'store', 'lock.js');
  const code = `const { lockStore } = await import(${JSON.stringify(lockModule)}); lockStore(${JSON.stringify(path)}); console.log('held'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (s: string) => s.includes('held') && resolve());
    child.on('exit', (c) => reject(new Error(`holder exited ${c}`)));
  });
  return child;
}

const killed = (c: ChildProcess) => new Promise<void>((resolve) => (c.once('exit', () => resolve()), c.kill('SIGKILL')));

describe('store lock', () => {
  it('refuses a second holder while the first runs, naming its pid; takes over once it is gone', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'store.db');
      const child = await holder(db);
      assert.throws(() => lockStore(db), (e: unknown) => e instanceof StoreError && e.code === 'STORE_LOCKED' && e.message.includes(`pid ${child.pid}`));
      await killed(child);
      assert.equal(readFileSync(`${db}.lock`, 'utf8').trim(), String(child.pid), 'kill -9 leaves the lock behind');
      const release = lockStore(db);
      assert.equal(readFileSync(`${db}.lock`, 'utf8').trim(), String(process.pid));
      release();
      assert.equal(existsSync(`${db}.lock`), false);
    } finally {
      cleanup();
    }
  });

  it('an exclusive open holds the lock until close; a plain open (sessions, replay) does not take it', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'store.db');
      const s = openStore({ path: db }, { exclusive: true });
      assert.ok(existsSync(`${db}.lock`));
      const reader = openStore({ path: db });
      reader.close();
      assert.ok(existsSync(`${db}.lock`), 'a reader does not release the scan\'s lock');
      s.close();
      assert.equal(existsSync(`${db}.lock`), false);
    } finally {
      cleanup();
    }
  });

  it('an unreadable lock file (a holder killed before writing its pid) is stale', () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'store.db');
      writeFileSync(`${db}.lock`, '');
      lockStore(db)();
    } finally {
      cleanup();
    }
  });

  it('a second `scan` on a held store exits 2 at once with one line naming the pid', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = join(dir, 'store.db');
      const child = await holder(db);
      try {
        const r = await runCli({ args: ['scan', '--no-table', '--no-discovery', '--db', db, '--log', join(dir, 'log.jsonl')], timeoutMs: 30_000 });
        assert.equal(r.code, 2, r.err);
        assert.equal(r.err.trim().split('\n').length, 1, r.err);
        assert.ok(r.err.includes(`pid ${child.pid}`), r.err);
        assert.equal(existsSync(join(dir, 'log.jsonl')), false, 'the refused scan wrote no log');
      } finally {
        await killed(child);
      }
    } finally {
      cleanup();
    }
  });
});
