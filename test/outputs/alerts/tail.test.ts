import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runCli, CLI } from '../../hardening/cli-run.js';
import { needsNats, startNatsServer, type NatsServer } from '../../bus/nats-server.js';
import { startWorker, stopWorker, type WorkerProc } from '../../bus/workers.js';
import { WebhookReceiverFake } from '../../fakes/alert-webhook.js';
import { goldenLines, tempDir } from './helpers.js';
import { openStore } from '../../../src/store/index.js';

/** Runs `tail --all` with the webhook configured until `done(stdout)` holds (bounded wait), then Ctrl-C. */
async function tailUntil(url: string, env: Record<string, string>, done: (stdout: string) => boolean): Promise<number | null> {
  const proc = spawn(process.execPath, [CLI, 'tail', '--bus', url, '--all'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  for (let i = 0; i < 600 && !done(out); i++) await new Promise((r) => setTimeout(r, 100));
  proc.kill('SIGINT');
  return exited;
}

/** Ignition and confirmation lines tail has printed. */
const signalsPrinted = (out: string) => out.split('\n').filter((l) => /"type":"(ignition|confirmation)"/.test(l)).length;

describe('alert sinks as a consumer of the bus: tail with a webhook configured', needsNats(), () => {
  let server: NatsServer;
  let worker: WorkerProc;
  const hook = new WebhookReceiverFake();
  const tmp = tempDir();
  const want = goldenLines().filter((l) => l.type === 'ignition' || l.type === 'confirmation').map((l) => l.id);
  let env: Record<string, string> = {};
  let exits: Array<number | null> = [];
  let secondRun = -1;
  let ledger: Record<string, number> = {};

  before(async () => {
    server = await startNatsServer();
    env = { ALERT_WEBHOOK_URL: await hook.listen(), PUMP_SCANNER_STORE__PATH: join(tmp.dir, 'tail.db') };
    worker = startWorker(server.url, 0, 1);
    const replay = await runCli({ args: ['replay', '--bus', server.url, '--partitions', '1', '--no-log', '--no-progress'], timeoutMs: 120_000 });
    assert.equal(replay.code, 0, replay.err);
    exits.push(await tailUntil(server.url, env, () => hook.received.length >= want.length));
    const before = hook.received.length;
    // The second tail has read the whole stream once it printed every signal line again.
    exits.push(await tailUntil(server.url, env, (out) => signalsPrinted(out) >= want.length));
    secondRun = hook.received.length - before;
    const store = openStore({ path: env.PUMP_SCANNER_STORE__PATH });
    try {
      ledger = store.alertCounts('webhook');
    } finally {
      store.close();
    }
  });
  after(async () => {
    await stopWorker(worker);
    await server?.stop();
    await hook.stop();
    tmp.cleanup();
  });

  it('sends every ignition and confirmation of the replayed history once, in order, and stops cleanly', () => {
    assert.deepEqual(exits, [0, 0]);
    assert.deepEqual(hook.received.map((r) => r.headers['idempotency-key']).slice(0, want.length), want);
  });

  it('a restarted tail reads the stream again but sends and queues nothing twice', () => {
    assert.equal(secondRun, 0);
    assert.deepEqual(ledger, { pending: 0, sent: want.length, failed: 0, dropped: 0 });
  });
});
