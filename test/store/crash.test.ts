import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import type { Trade } from '../../src/domain/index.js';
import { tempDir } from './helpers.js';
import { seeded as prng } from '../fakes/http-base.js';

const WRITER = fileURLToPath(new URL('./crash-writer.js', import.meta.url));
const BATCH = 400;
const ROUNDS = 5;

/** Starts the writer, waits until its store is open, lets it write for `ms`, then SIGKILLs it. */
async function runAndKill(path: string, sessionId: string, ms: number): Promise<void> {
  const child = spawn(process.execPath, [WRITER, path, sessionId, String(BATCH)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  try {
    const [chunk] = (await Promise.race([once(child.stdout, 'data'), once(child, 'exit').then(() => [''])])) as [Buffer | string];
    assert.match(String(chunk), /ready/, `writer failed to start: ${stderr}`);
    await sleep(ms);
  } finally {
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
  assert.equal(child.signalCode, 'SIGKILL', `writer ended on its own: ${stderr}`);
}

function checkAfterKill(path: string, sessionId: string): number {
  const store = openStore({ path });
  try {
    assert.deepEqual(store.integrityCheck({ full: true }), []);
    const info = store.getSession(sessionId)!;
    assert.equal(info.inputCount % BATCH, 0, `a partial batch was recorded: ${info.inputCount} inputs`);
    let n = 0;
    for (const input of store.readSessionInputs(sessionId)) {
      assert.equal((input as Trade).id, `b${Math.floor(n / BATCH)}:${n % BATCH}`, `input ${n + 1} out of place`);
      n++;
    }
    assert.equal(n, info.inputCount);
    for (const s of store.openSignals()) assert.equal(store.getSignal(s.id)?.id, s.id);
  } finally {
    store.close();
  }
  const raw = new Database(path, { readonly: true });
  try {
    const seqs = raw.prepare('SELECT min(seq) AS lo, max(seq) AS hi, count(*) AS n FROM session_inputs').get() as { lo: number | null; hi: number | null; n: number };
    if (seqs.n > 0) assert.deepEqual([seqs.lo, seqs.hi], [1, seqs.n], 'seqs are 1..n without gaps');
    const dupes = raw.prepare('SELECT id FROM signals GROUP BY id HAVING count(*) > 1').all();
    assert.deepEqual(dupes, []);
    const mismatched = raw.prepare("SELECT id FROM signals WHERE json_extract(line, '$.id') <> id").all();
    assert.deepEqual(mismatched, []);
    return seqs.n;
  } finally {
    raw.close();
  }
}

test('a writer killed with SIGKILL at random moments leaves a sound store: whole batches, contiguous seqs, no duplicate signal', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const path = join(dir, 'crash.db');
    const setup = openStore({ path });
    const sessionId = setup.startSession({ startedAt: Date.UTC(2026, 10, 21), configJson: '{}', version: 'test' });
    setup.close();
    const random = prng(20261121);
    let before = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await runAndKill(path, sessionId, 50 + Math.floor(random() * 250));
      const after = checkAfterKill(path, sessionId);
      assert.ok(after >= before, 'committed inputs are never lost');
      before = after;
    }
    assert.ok(before > 0, 'the writer got batches in before being killed');
  } finally {
    cleanup();
  }
});
