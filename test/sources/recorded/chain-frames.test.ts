// `replay --input frames.ndjson`: logsNotification frames WRAPPED from real recorded transactions (no licensed
// recording of a frame exists) go through the live tap's decoder and pricing, with prices only from the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFormat } from '../../../src/sources/recorded/formats.js';
import type { Input, Trade } from '../../../src/domain/market.js';
import { CHAINBUFF, CHAINSTACK, TX_PARSER, recordedOne, wrapAsFrame } from '../chain/fixtures.js';

async function replayed(lines: string[]): Promise<{ inputs: Input[]; notes: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'chain-frames-'));
  const file = join(dir, 'frames.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  try {
    const reader = await openFormat(file, {});
    assert.equal(reader.layout, 'chain frames');
    const inputs: Input[] = [];
    for await (const b of reader.batches()) inputs.push(...b);
    return { inputs, notes: reader.finish().notes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const usdcBuy = wrapAsFrame(recordedOne(`${CHAINSTACK}/raw_buy_tx_from_gettransaction.json`));
const bundle = wrapAsFrame(recordedOne(`${TX_PARSER}/pumpfun_buy_bundle.json`));
const failed = wrapAsFrame(recordedOne(`${CHAINBUFF}/error.json`));

test('plain wrapped frames: a USDC-quoted pump buy is priced from its amounts; SOL-quoted swaps wait for a SOL/USD the file does not give', async () => {
  const { inputs, notes } = await replayed([usdcBuy, bundle, failed, usdcBuy]);
  const trades = inputs.filter((i): i is Trade => i.kind === 'trade');
  assert.equal(trades.length, 1, 'the duplicate frame counts once');
  const [t] = trades;
  assert.equal(t.source, 'chain');
  assert.ok(Math.abs(t.priceUsd - 3.517192 / 445377.137871) < 1e-15);
  assert.equal(t.knownAt, t.ts, 'an unstamped frame arrives at its event time');
  assert.equal(notes.length, 1);
});

test('recorded frames: receivedAt is the arrival time and a tapContext SOL/USD prices the SOL-quoted swaps', async () => {
  const stamp = (frame: string, at: number) => `${frame.slice(0, -1)},"receivedAt":${at}}`;
  const ctx = JSON.stringify({ jsonrpc: '2.0', method: 'tapContext', params: { solUsd: 150 }, receivedAt: 1_725_989_128_000 });
  const { inputs } = await replayed([stamp(bundle, 1_725_989_127_500), ctx]);
  const trades = inputs.filter((i): i is Trade => i.kind === 'trade');
  assert.equal(trades.length, 4);
  // Held until the SOL/USD line, so they became known then.
  assert.ok(trades.every((t) => t.knownAt === 1_725_989_128_000));
  assert.ok(Math.abs(trades[0].priceUsd / ((0.386100226 / 12373970.345963) * 150) - 1) < 1e-12);
});
