import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { pruneQuietPools, pruneRecordings } from '../../src/run/live/retention.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T00:00:00Z');

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'retention-'));
  const store = openStore({ path: join(dir, 's.db') });
  const frames = join(dir, 'frames');
  mkdirSync(frames);
  const session = (ageDays: number) => {
    const id = store.startSession({ startedAt: NOW - ageDays * DAY, configJson: '{}', version: `v${ageDays}` });
    store.recordInputs(id, [{ kind: 'tick', knownAt: NOW - ageDays * DAY }]);
    writeFileSync(join(frames, `${id}.ndjson`), '{}\n');
    return id;
  };
  return { dir, store, frames, session, done: () => (store.close(), rmSync(dir, { recursive: true, force: true })) };
}

test('sessions started before the retention go with their inputs and frame files; younger ones stay whole', () => {
  const s = setup();
  const old = [s.session(30), s.session(8)];
  const young = [s.session(6.9), s.session(0)];
  const r = pruneRecordings(s.store, s.frames, { retentionDays: 7, keepSessions: 100, now: NOW });
  assert.deepEqual(r, { sessions: 2, frameFiles: 2 });
  assert.deepEqual(s.store.listSessions().map((x) => x.id).sort(), [...young].sort());
  for (const id of old) {
    assert.equal(s.store.getSession(id), null);
    assert.equal(existsSync(join(s.frames, `${id}.ndjson`)), false);
  }
  for (const id of young) {
    assert.equal([...s.store.readSessionInputs(id)].length, 1);
    assert.equal(existsSync(join(s.frames, `${id}.ndjson`)), true);
  }
  s.done();
});

test('0 days keeps every session by age; keepSessions still caps their number, oldest first', () => {
  const s = setup();
  const ids = [s.session(400), s.session(200), s.session(1), s.session(0)];
  assert.deepEqual(pruneRecordings(s.store, s.frames, { retentionDays: 0, keepSessions: 10, now: NOW }), { sessions: 0, frameFiles: 0 });
  assert.equal(s.store.listSessions().length, 4);
  assert.deepEqual(pruneRecordings(s.store, s.frames, { retentionDays: 0, keepSessions: 3, now: NOW }), { sessions: 1, frameFiles: 1 });
  assert.deepEqual(s.store.listSessions().map((x) => x.id).sort(), ids.slice(1).sort());
  s.done();
});

test('a frame file with no session in the store goes once older than the retention; other files stay', () => {
  const s = setup();
  const keep = s.session(1);
  const orphanOld = join(s.frames, 'gone-session.ndjson');
  const orphanNew = join(s.frames, 'recent-orphan.ndjson');
  const other = join(s.frames, 'notes.txt');
  for (const f of [orphanOld, orphanNew, other]) writeFileSync(f, 'x');
  const tenDaysAgo = (NOW - 10 * DAY) / 1000;
  utimesSync(orphanOld, tenDaysAgo, tenDaysAgo);
  utimesSync(other, tenDaysAgo, tenDaysAgo);
  const nowS = NOW / 1000;
  utimesSync(orphanNew, nowS, nowS);
  assert.deepEqual(pruneRecordings(s.store, s.frames, { retentionDays: 7, keepSessions: 30, now: NOW }), { sessions: 0, frameFiles: 1 });
  assert.deepEqual(readdirSync(s.frames).sort(), [`${keep}.ndjson`, 'notes.txt', 'recent-orphan.ndjson'].sort());
  s.done();
});

test('chain pools not seen trading within the retention go at start-up; 0 keeps them all', () => {
  const s = setup();
  const pool = (p: string, ageDays: number) => ({ pool: p, program: 'pump', baseMint: `B${p}`, quoteMint: 'Q', learnedFrom: 'event' as const, updatedAt: NOW - ageDays * DAY });
  s.store.putChainPools([pool('old', 40), pool('edge', 30.001), pool('young', 29.9)]);
  // A pool learned long ago but seen trading lately stays.
  s.store.putChainPools([pool('active', 90)]);
  s.store.touchChainPools([{ pool: 'active', seenAt: NOW - DAY }]);
  assert.equal(pruneQuietPools(s.store, { retentionDays: 0, now: NOW }), 0);
  assert.equal(s.store.loadChainPools().length, 4);
  assert.equal(pruneQuietPools(s.store, { retentionDays: 30, now: NOW }), 2);
  assert.deepEqual(s.store.loadChainPools().map((p) => p.pool).sort(), ['active', 'young']);
  s.done();
});
