// Session recording of the chain tap when the scan is stopped: the real `scan` process against the Solana
// pubsub fake, with the clock tick (which flushes the recording) set far beyond the test, so everything
// recorded reaches the disk through the SIGINT path alone. Frames are WRAPPED from a real recorded pump.fun
// TradeEvent transaction (0xfnzero pumpfun_direct_tx) with the mint, amounts and signature rewritten.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PublicKey } from '@solana/web3.js';
import { openStore } from '../../src/store/index.js';
import type { Input } from '../../src/domain/market.js';
import { FakeSolanaWs } from '../fakes/solana-ws.js';
import { pumpTradeTx, signatureFor } from '../fakes/solana-ws-feed.js';
import { startLiveMarket, startScan, type LiveMarket } from '../helpers/live-harness.js';
import { STREAMER, recordedOne } from '../sources/chain/fixtures.js';

const START = Date.parse('2025-08-01T00:00:30Z');
const FRAMES = 300;

describe('scan stopped by SIGINT writes every recorded frame and input, once, in order', { timeout: 120_000 }, () => {
  let m: LiveMarket;
  let ws: FakeSolanaWs;
  let db: string;
  let exit: number | null;
  const sent: string[] = [];

  before(async () => {
    m = await startLiveMarket({ start: START, speed: 1, tokens: () => [], tap: true });
    ws = new FakeSolanaWs();
    await ws.start();
    db = join(m.dir, 'scanner.db');
    // No clock tick during the test: the recording is flushed by the stop alone.
    const slow = ['scan.tickMs=3600000', 'sources.chain.holdMaxMs=3600000', 'sources.chain.heartbeatTimeoutMs=3600000'].flatMap((x) => ['--set', x]);
    const run = startScan(m, ['--no-discovery', '--no-table', '--log', join(m.dir, 'signals.jsonl'), '--db', db, ...slow], ws.env());
    const end = Date.now() + 30_000;
    while (ws.subscribedPrograms().length < 4) {
      if (Date.now() > end) throw new Error(`scan never subscribed: ${run.stderr()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const template = recordedOne(`${STREAMER}/pumpfun_direct_tx.json`).tx;
    const mints = [0x51, 0x52, 0x53].map((b) => new PublicKey(Buffer.alloc(32, b)).toBase58());
    for (let i = 0; i < FRAMES; i++) {
      const tx = pumpTradeTx(template, {
        mint: mints[i % 3], side: i % 2 ? 'buy' : 'sell', solRaw: 50_000_000n + BigInt(i), tokenRaw: 250_000_000_000n, ts: START + i * 1000,
        virtualSolRaw: 60_000_000_000n, virtualTokenRaw: 300_000_000_000_000n,
      }, signatureFor(i, 77), 370_000_000 + i);
      sent.push(tx.signature);
      ws.send({ program: 'pump', tx });
    }
    // The scanner has handled every frame above (they are in its recording batch, not on disk) ...
    await ws.barrier();
    // ... and a stop now must still write them all.
    exit = await run.stop('SIGINT');
  });

  after(async () => {
    await ws?.stop();
    await m?.stop();
  });

  it('exits 0', () => assert.equal(exit, 0));

  it('the frames file holds every frame the scanner received, exactly once, in the order received', () => {
    const store = openStore({ path: db });
    const [session] = store.listSessions();
    store.close();
    const file = join(m.dir, 'frames', `${session.id}.ndjson`);
    assert.ok(existsSync(file), 'no frames file');
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.pop(), '', 'the file ends with a complete line');
    const notes = lines.map((l) => JSON.parse(l) as { method: string; params: { result: { value: { signature: string } } }; receivedAt: number })
      .filter((l) => l.method === 'logsNotification');
    assert.deepEqual(notes.map((n) => n.params.result.value.signature), sent);
    for (const n of notes) assert.equal(typeof n.receivedAt, 'number');
  });

  it('the session ends with the stop\'s tick, every input recorded once', () => {
    const store = openStore({ path: db });
    const [session] = store.listSessions();
    const inputs = [...store.readSessionInputs(session.id)] as Input[];
    store.close();
    assert.equal(session.inputCount, inputs.length);
    assert.equal(inputs[inputs.length - 1].kind, 'tick');
    const ids = inputs.filter((i) => i.kind === 'trade').map((t) => (t as { id: string }).id);
    assert.equal(new Set(ids).size, ids.length, 'a trade recorded twice');
    for (const id of ids) assert.ok(sent.includes(id.split(':')[0]), id);
  });
});
