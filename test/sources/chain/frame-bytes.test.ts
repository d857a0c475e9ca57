// The byte-level notification reader against the text parser: on frames WRAPPED from every bundled real
// transaction (no recorded frame exists under a license) it must give the same transaction and the same
// decoded events, and any frame it does not fully understand must be left to the text parser (null).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { notificationFromBytes } from '../../../src/sources/chain/frame-bytes.js';
import { parsePubsubFrame } from '../../../src/sources/chain/frames.js';
import { decodeTx } from '../../../src/sources/chain/decode.js';
import { readRecordedTxs, type RecordedTx } from '../../../src/sources/chain/recorded/index.js';
import { CHAIN_FIXTURES, wrapAsFrame } from './fixtures.js';

function allRecorded(): RecordedTx[] {
  const out: RecordedTx[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) {
        try {
          out.push(...readRecordedTxs(p));
        } catch {
          // not a transaction file (a listing, a README in JSON): the recorded reader's own tests cover them
        }
      }
    }
  };
  walk(CHAIN_FIXTURES);
  return out;
}

const both = (text: string) => {
  const slow = parsePubsubFrame(text);
  const fast = notificationFromBytes(Buffer.from(text));
  return { slow, fast };
};

test('on every bundled transaction, wrapped as a frame, the bytes give the text parser\'s transaction and the same decoded events', () => {
  const txs = allRecorded();
  assert.ok(txs.length >= 40, `only ${txs.length} fixture transactions found under ${relative(process.cwd(), CHAIN_FIXTURES)}`);
  let events = 0;
  for (const r of txs) {
    const { slow, fast } = both(wrapAsFrame(r, 7));
    assert.equal(slow.type, 'notification');
    if (slow.type !== 'notification') continue;
    assert.ok(fast, r.tx.signature);
    assert.equal(fast.subscription, 7);
    assert.equal(fast.tx.signature, slow.tx.signature);
    assert.equal(fast.tx.slot, slow.tx.slot);
    assert.deepEqual(fast.tx.err, slow.tx.err);
    const a = decodeTx(fast.tx);
    assert.deepEqual(a, decodeTx(slow.tx), r.tx.signature);
    events += a.events.length;
    // The digest keeps each tapped program's payload line as it was.
    for (const l of fast.tx.logs.filter((x) => x.startsWith('Program data: '))) assert.ok(slow.tx.logs.includes(l));
  }
  assert.ok(events >= 30, `${events} events`);
});

test('whitespace, key order, escapes, non-ASCII text and a failed transaction read the same as the text parser', () => {
  const logs = [
    'Program 6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P invoke [1]',
    'Program log: Instruction: "Buy" \\ ü ✓',
    'Program data: vdt/007mYe5AAAAA',
    'Program 6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P failed: custom program error: 0x1',
    'Log truncated',
  ];
  const sig = '5'.repeat(88);
  const variants = [
    JSON.stringify({ jsonrpc: '2.0', method: 'logsNotification', params: { result: { context: { slot: 5 }, value: { signature: sig, err: null, logs } }, subscription: 3 } }, null, 2),
    JSON.stringify({ params: { subscription: 3, result: { value: { logs, err: { InstructionError: [0, { Custom: 1 }] }, signature: sig, extra: [1, { a: '}' }] }, context: { apiVersion: '2.1', slot: 5 } } }, method: 'logsNotification', jsonrpc: '2.0' }),
  ];
  for (const text of variants) {
    const { slow, fast } = both(text);
    assert.equal(slow.type, 'notification');
    if (slow.type !== 'notification') continue;
    assert.ok(fast);
    assert.deepEqual({ ...fast.tx, logs: null }, { ...slow.tx, logs: null });
    assert.deepEqual(fast.tx.logs, [logs[0], logs[2], 'Program 6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P success', 'Log truncated']);
    assert.deepEqual(decodeTx(fast.tx), decodeTx(slow.tx));
  }
  // An escape inside a line the stack reads (never seen in practice) is left to the text parser.
  const quoted = JSON.stringify({ jsonrpc: '2.0', method: 'logsNotification', params: { result: { context: { slot: 5 }, value: { signature: sig, err: null, logs: [logs[0], 'Program 6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P failed: "x"'] } }, subscription: 3 } });
  assert.equal(notificationFromBytes(Buffer.from(quoted)), null);
  assert.equal(parsePubsubFrame(quoted).type, 'notification');
});

test('frames it does not fully understand are left to the text parser', () => {
  const sig = '5'.repeat(88);
  const ok = { jsonrpc: '2.0', method: 'logsNotification', params: { result: { context: { slot: 5 }, value: { signature: sig, err: null, logs: ['Program data: AA=='] } }, subscription: 3 } };
  assert.ok(notificationFromBytes(Buffer.from(JSON.stringify(ok))));
  const bad = [
    '{"jsonrpc":"2.0","method":"logsNotification","params":{"result":', // cut
    'not json',
    JSON.stringify({ ...ok, method: 'slotNotification' }),
    JSON.stringify({ jsonrpc: '2.0', id: 1, result: 42 }), // an answer, not a notification
    JSON.stringify({ ...ok, params: { ...ok.params, subscription: 3.5 } }),
    JSON.stringify({ ...ok, params: { ...ok.params, result: { ...ok.params.result, context: { slot: -1 } } } }),
    JSON.stringify({ ...ok, params: { ...ok.params, result: { ...ok.params.result, value: { ...ok.params.result.value, signature: 'short' } } } }),
    JSON.stringify({ ...ok, params: { ...ok.params, result: { ...ok.params.result, value: { ...ok.params.result.value, logs: ['a', 1] } } } }),
    `${JSON.stringify(ok)} trailing`,
  ];
  for (const text of bad) assert.equal(notificationFromBytes(Buffer.from(text)), null, text.slice(0, 80));
});
