import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, DeliverPolicy } from '@nats-io/jetstream';
import { loadConfig, type Config } from '../../src/config/load.js';
import { replayBatches } from '../../src/run/replay.js';
import { replayOverBus } from '../../src/run/bus-replay.js';
import { confidenceOf } from '../../src/run/commands/replay.js';
import { NatsBus } from '../../src/bus/nats/bus.js';
import type { Input } from '../../src/domain/market.js';
import { batchesOf, busTestInputs, sortedLines, truncatedTestInputs } from './inputs.js';
import { needsNats, startNatsServer, type NatsServer } from './nats-server.js';
import { startWorker, stopWorker, type WorkerProc } from './workers.js';

const base = loadConfig({ presets: ['replay'], env: {} });
const cfgFor = (url: string, partitions: number, name: string): Config => ({ ...base, bus: { ...base.bus, url, partitions, name } });

async function singleProcessLines(inputs: readonly Input[], dir: string, seriesEnds: ReadonlyMap<string, number> | null = null): Promise<string[]> {
  await replayBatches(batchesOf(inputs), { cfg: base, logPath: join(dir, 'single.jsonl'), confidence: confidenceOf(base), seriesEnds });
  return sortedLines(readFileSync(join(dir, 'single.jsonl'), 'utf8'));
}

/** Every message of `run` on the signal stream, by message id (to see what the stream itself stored). */
async function storedSignalIds(url: string, name: string, run: string): Promise<string[]> {
  const nc = await connect({ servers: url });
  try {
    const jsm = await jetstreamManager(nc);
    const stream = `${name.toUpperCase()}_SIGNALS`;
    const last = (await jsm.streams.info(stream)).state.last_seq;
    const c = await jetstream(nc).consumers.get(stream, { deliver_policy: DeliverPolicy.All });
    const msgs = await c.consume();
    const ids: string[] = [];
    for await (const m of msgs) {
      if (m.headers?.get('Pump-Run') === run) ids.push(m.headers.get('Nats-Msg-Id'));
      if (m.seq >= last) break;
    }
    await msgs.close();
    return ids;
  } finally {
    await nc.close();
  }
}

describe('replay over NATS JetStream with worker processes', needsNats(), () => {
  let server: NatsServer;
  let dir: string;
  const workers: WorkerProc[] = [];
  before(async () => {
    server = await startNatsServer();
    dir = mkdtempSync(join(tmpdir(), 'pump-bus-nats-'));
  });
  after(async () => {
    for (const w of workers) await stopWorker(w, 'SIGKILL');
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same signal lines as the single-process replay with 2 workers (sorted)', async () => {
    const inputs = busTestInputs(6);
    const expected = await singleProcessLines(inputs, dir);
    const cfg = cfgFor(server.url, 2, 'parity');
    const bus = await NatsBus.open(cfg.bus);
    workers.push(startWorker(server.url, 0, 2, ['--set', 'bus.name=parity']), startWorker(server.url, 1, 2, ['--set', 'bus.name=parity']));
    try {
      const res = await replayOverBus(batchesOf(inputs), { cfg, bus, logPath: join(dir, 'bus.jsonl') });
      assert.deepEqual(sortedLines(readFileSync(join(dir, 'bus.jsonl'), 'utf8')), expected);
      // The stream itself holds each line once (the merge's own check is not what passes this test).
      const ids = await storedSignalIds(server.url, 'parity', res.run);
      assert.equal(new Set(ids).size, ids.length);
      assert.equal(ids.length, expected.length + 2);
      // A second run over the same workers starts from empty engines and gives the same lines.
      await replayOverBus(batchesOf(inputs), { cfg, bus, logPath: join(dir, 'bus2.jsonl') });
      assert.deepEqual(sortedLines(readFileSync(join(dir, 'bus2.jsonl'), 'utf8')), expected);
    } finally {
      await bus.close();
      for (const w of workers.splice(0)) assert.equal(await stopWorker(w), 0, w.stderr());
    }
  });

  it('worker processes apply the series-end rule of file replays: the same lines as the single process', async () => {
    const { inputs, seriesEnds } = truncatedTestInputs(6);
    const expected = await singleProcessLines(inputs, dir, seriesEnds);
    // The rule changes this input's lines (windows and outcomes past a token's own data), so parity is about it.
    assert.notDeepEqual(await singleProcessLines(inputs, dir), expected);
    const cfg = cfgFor(server.url, 2, 'ends');
    const bus = await NatsBus.open(cfg.bus);
    workers.push(startWorker(server.url, 0, 2, ['--set', 'bus.name=ends']), startWorker(server.url, 1, 2, ['--set', 'bus.name=ends']));
    try {
      await replayOverBus(batchesOf(inputs), { cfg, bus, logPath: join(dir, 'ends.jsonl'), seriesEnds });
      assert.deepEqual(sortedLines(readFileSync(join(dir, 'ends.jsonl'), 'utf8')), expected);
    } finally {
      await bus.close();
      for (const w of workers.splice(0)) assert.equal(await stopWorker(w), 0, w.stderr());
    }
  });

  it('loses and duplicates nothing when a worker is killed with SIGKILL mid-run and restarted', async () => {
    const inputs = busTestInputs(6);
    const expected = await singleProcessLines(inputs, dir);
    // Small messages: many acknowledgements, so the kill lands between them.
    const name = 'crash';
    const cfg: Config = { ...cfgFor(server.url, 2, name), bus: { ...cfgFor(server.url, 2, name).bus, batchInputs: 8 } };
    const bus = await NatsBus.open(cfg.bus);
    const extra = ['--set', `bus.name=${name}`];
    const nc = await connect({ servers: server.url });
    const jsm = await jetstreamManager(nc);
    try {
      const done = replayOverBus(batchesOf(inputs), { cfg, bus, logPath: join(dir, 'crash.jsonl') });
      // Partition 0's worker starts, and is killed once it has acknowledged part of its input.
      let w0 = startWorker(server.url, 0, 2, extra);
      workers.push(w0);
      let floor = 0;
      let pending = 0;
      for (let i = 0; i < 2000 && floor === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
        const ci = await jsm.consumers.info('CRASH_INPUTS', `${name}-worker-0`).catch(() => null);
        if (ci) {
          floor = ci.ack_floor.stream_seq;
          pending = ci.num_pending + ci.num_ack_pending;
        }
      }
      await stopWorker(w0, 'SIGKILL');
      const after = await jsm.consumers.info('CRASH_INPUTS', `${name}-worker-0`);
      // The kill must land mid-run, or this test would prove nothing.
      assert.ok(floor > 0 && pending > 0, `killed at ack floor ${floor} with ${pending} pending`);
      assert.ok(after.num_pending + after.num_ack_pending > 0, 'partition 0 was already complete when killed');
      w0 = startWorker(server.url, 0, 2, extra);
      workers.push(w0, startWorker(server.url, 1, 2, extra));
      const res = await done;
      assert.deepEqual(sortedLines(readFileSync(join(dir, 'crash.jsonl'), 'utf8')), expected);
      const ids = await storedSignalIds(server.url, name, res.run);
      assert.equal(new Set(ids).size, ids.length, 'a line was stored twice');
      assert.equal(ids.length, expected.length + 2);
    } finally {
      await nc.close();
      await bus.close();
      for (const w of workers.splice(0)) await stopWorker(w);
    }
  });
});
