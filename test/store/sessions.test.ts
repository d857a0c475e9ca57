import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { InputRecorder, openStore, StoreError } from '../../src/store/index.js';
import { loadConfig } from '../../src/config/load.js';
import type { Input } from '../../src/domain/index.js';
import { cbrlCandles1m, everyKind, ignition, withStore } from './helpers.js';

const START = Date.UTC(2026, 10, 21, 0, 45, 0, 123);
const meta = { startedAt: START, configJson: '{"signals":{"ignition":{"minChangePct":2}}}', version: '0.1.0' };

const isCode = (code: string) => (e: unknown) => e instanceof StoreError && e.code === code;

test('session ids are the UTC start plus a short hash: the same meta gives the same id, a second start a new one', () => {
  let firstId = '';
  withStore((store) => {
    firstId = store.startSession(meta);
    assert.match(firstId, /^20261121T004500Z-[0-9a-f]{4}$/);
    const second = store.startSession(meta);
    assert.notEqual(second, firstId);
    assert.deepEqual(store.listSessions().map((s) => s.id).sort(), [firstId, second].sort());
  });
  withStore((store) => assert.equal(store.startSession(meta), firstId));
});

test('every input kind and the CBRL 1m candles round-trip exactly, in seq order, across a reopen', () => {
  const inputs: Input[] = [...everyKind(START), ...cbrlCandles1m(), ...everyKind(START + 5000)];
  withStore((store, path) => {
    const id = store.startSession(meta);
    let last = 0;
    for (let i = 0; i < inputs.length; i += 1000) last = store.recordInputs(id, inputs.slice(i, i + 1000));
    assert.equal(last, inputs.length);
    store.endSession(id, START + 60_000);
    store.close();

    const again = openStore({ path });
    try {
      assert.deepEqual(again.getSession(id), { id, startedAt: START, endedAt: START + 60_000, version: '0.1.0', inputCount: inputs.length });
      assert.deepEqual([...again.readSessionInputs(id)], inputs);
      assert.deepEqual([...again.readSessionInputs(id, inputs.length - 3)], inputs.slice(-3));
    } finally {
      again.close();
    }
  });
});

test('reading a session back is a lazy iterator, and the store stays writable while it is open', () => {
  withStore((store) => {
    const id = store.startSession(meta);
    const candles = cbrlCandles1m();
    store.recordInputs(id, candles);
    const it = store.readSessionInputs(id);
    assert.equal(typeof it.next, 'function');
    assert.equal(it[Symbol.iterator](), it);
    assert.deepEqual(it.next().value, candles[0]);
    // Writes between reads: an open iterate() cursor would make these throw "connection is busy".
    store.insertSignal(ignition('ig-during-replay', START));
    const other = store.startSession({ ...meta, startedAt: START + 1 });
    store.recordInputs(other, everyKind(START));
    let n = 1;
    for (const input of it) assert.deepEqual(input, candles[n++]);
    assert.equal(n, candles.length);
  });
});

test('a batch with a bad input is rolled back whole and the seqs stay contiguous', () => {
  withStore((store) => {
    const id = store.startSession(meta);
    store.recordInputs(id, everyKind(START));
    const bad = [...everyKind(START + 1), undefined as unknown as Input];
    assert.throws(() => store.recordInputs(id, bad), isCode('STORE_BAD_RECORD'));
    assert.equal(store.recordInputs(id, everyKind(START + 2)), 14);
    assert.deepEqual([...store.readSessionInputs(id)], [...everyKind(START), ...everyKind(START + 2)]);
  });
});

test('unknown sessions are refused with STORE_UNKNOWN_SESSION', () => {
  withStore((store) => {
    assert.throws(() => store.recordInputs('20000101T000000Z-0000', []), isCode('STORE_UNKNOWN_SESSION'));
    assert.throws(() => store.readSessionInputs('nope'), isCode('STORE_UNKNOWN_SESSION'));
    assert.throws(() => store.sessionConfigJson('nope'), isCode('STORE_UNKNOWN_SESSION'));
    assert.equal(store.getSession('nope'), null);
  });
});

test('the session config is stored with secrets masked and its thresholds intact', () => {
  const env = { BIRDEYE_API_KEY: 'be-secret-key-123456', SOLANA_RPC_URL: 'https://rpc.example.com/?api-key=rpc-secret-999' };
  const cfg = loadConfig({ env, sets: [['signals.ignition.minChangePct', '3.5', '--set']] });
  withStore((store) => {
    const id = store.startSession({ startedAt: START, configJson: JSON.stringify(cfg), version: '0.1.0' });
    const stored = store.sessionConfigJson(id);
    assert.ok(!stored.includes('be-secret-key-123456') && !stored.includes('rpc-secret-999'), stored);
    const parsed = JSON.parse(stored) as typeof cfg;
    assert.equal(parsed.sources.birdeye.apiKey, '***');
    assert.deepEqual(parsed.signals, cfg.signals);
    assert.deepEqual(parsed.gates, cfg.gates);
    assert.deepEqual(parsed.risk, cfg.risk);
    assert.equal(parsed.signals.ignition.minChangePct, 3.5);
    assert.throws(() => store.startSession({ ...meta, configJson: 'not json' }), isCode('STORE_BAD_RECORD'));
  });
});

test('pruning sessions keeps the newest ones and deletes the inputs of the others', () => {
  withStore((store, path) => {
    const ids = [0, 1, 2].map((i) => store.startSession({ ...meta, startedAt: START + i * 1000 }));
    for (const id of ids) store.recordInputs(id, everyKind(START));
    assert.equal(store.pruneSessions(1), 2);
    assert.deepEqual(store.listSessions().map((s) => s.id), [ids[2]]);
    const raw = new Database(path, { readonly: true });
    assert.equal(raw.prepare('SELECT count(*) FROM session_inputs').pluck().get(), 7);
    raw.close();
  });
});

test('the input recorder writes when its batch fills and on flush, never partially', () => {
  withStore((store) => {
    const id = store.startSession(meta);
    const rec = new InputRecorder(store, id, 5);
    const inputs = [...everyKind(START), ...everyKind(START + 1)];
    for (const input of inputs.slice(0, 4)) rec.push(input);
    assert.equal(store.getSession(id)?.inputCount, 0);
    assert.equal(rec.pending, 4);
    for (const input of inputs.slice(4)) rec.push(input);
    assert.equal(store.getSession(id)?.inputCount, 10);
    assert.equal(rec.flush(), 4);
    assert.equal(rec.flush(), 0);
    assert.equal(rec.written, 14);
    assert.deepEqual([...store.readSessionInputs(id)], inputs);
  });
});
