import type { Database } from 'better-sqlite3';
import type { Input } from '../domain/index.js';
import { StoreError } from './errors.js';
import { maskedConfigJson, sessionIdFor } from './session-id.js';
import type { SessionInfo, Store } from './types.js';

type Row = { num: number; id: string; started_at: number; ended_at: number | null; version: string; last_seq: number };

const toInfo = (r: Row): SessionInfo => ({
  id: r.id, startedAt: r.started_at, endedAt: r.ended_at, version: r.version, inputCount: r.last_seq,
});

/** Inputs read per query while streaming a session back. */
const PAGE_SIZE = 2000;

type SessionRepo = Pick<
  Store,
  'startSession' | 'recordInputs' | 'recordInputTexts' | 'endSession' | 'listSessions' | 'getSession' | 'sessionConfigJson' | 'readSessionInputs' | 'pruneSessions'
  | 'pruneOldSessions'
>;

/** Live sessions and their recorded inputs (compact JSON, seq 1..n per session, appended batch by batch). */
export function sessionRepo(db: Database, keepSessions: number): SessionRepo {
  const insertSession = db.prepare(
    'INSERT OR IGNORE INTO sessions (id, started_at, version, config_json) VALUES (?, ?, ?, ?)');
  const byId = db.prepare<[string], Row>('SELECT num, id, started_at, ended_at, version, last_seq FROM sessions WHERE id = ?');
  const list = db.prepare<[], Row>('SELECT num, id, started_at, ended_at, version, last_seq FROM sessions ORDER BY started_at DESC, num DESC');
  const configOf = db.prepare<[number], string>('SELECT config_json FROM sessions WHERE num = ?').pluck();
  const lastSeq = db.prepare<[number], number>('SELECT last_seq FROM sessions WHERE num = ?').pluck();
  const setLastSeq = db.prepare('UPDATE sessions SET last_seq = ? WHERE num = ?');
  const insertInput = db.prepare('INSERT INTO session_inputs (session_num, seq, input) VALUES (?, ?, ?)');
  const end = db.prepare('UPDATE sessions SET ended_at = ? WHERE num = ?');
  const page = db.prepare<[number, number, number], [number, string]>(
    'SELECT seq, input FROM session_inputs WHERE session_num = ? AND seq > ? ORDER BY seq LIMIT ?').raw();
  const prune = db.prepare(
    'DELETE FROM sessions WHERE num NOT IN (SELECT num FROM sessions ORDER BY started_at DESC, num DESC LIMIT ?)');
  const staleIds = db.prepare<[number, number], string>(
    'SELECT id FROM sessions WHERE started_at < ? OR num NOT IN (SELECT num FROM sessions ORDER BY started_at DESC, num DESC LIMIT ?)').pluck();
  const deleteById = db.prepare('DELETE FROM sessions WHERE id = ?');
  // One session at a time: its inputs go with it (ON DELETE CASCADE), each in its own transaction.
  const deleteOne = db.transaction((id: string) => deleteById.run(id).changes);

  const numOf = (id: string): number => {
    const row = byId.get(id);
    if (!row) throw new StoreError('STORE_UNKNOWN_SESSION', `no recorded session ${id} in the store (see \`pump-scanner sessions\`)`);
    return row.num;
  };

  // The next seq is read inside the transaction, so it stays right after a crash or a second writer.
  const append = db.transaction((num: number, inputs: readonly Input[]): number => {
    let seq = lastSeq.get(num)!;
    for (const input of inputs) {
      const text = JSON.stringify(input);
      if (typeof text !== 'string') throw new StoreError('STORE_BAD_RECORD', `input ${seq + 1} is not a JSON value`);
      insertInput.run(num, ++seq, text);
    }
    setLastSeq.run(seq, num);
    return seq;
  });
  // The same for inputs already serialised (by the recorder's owner thread, so the writer thread only writes).
  const appendTexts = db.transaction((num: number, texts: readonly string[]): number => {
    let seq = lastSeq.get(num)!;
    for (const text of texts) insertInput.run(num, ++seq, text);
    setLastSeq.run(seq, num);
    return seq;
  });

  function* stream(num: number, afterSeq: number): Generator<Input, void, undefined> {
    // Page by page rather than one open cursor: memory stays flat and, between pages, the connection is
    // free, so the consumer may write to the store (an open iterate() cursor would block that).
    let after = afterSeq;
    for (;;) {
      const rows = page.all(num, after, PAGE_SIZE);
      for (const [, input] of rows) yield JSON.parse(input) as Input;
      if (rows.length < PAGE_SIZE) return;
      after = rows[rows.length - 1][0];
    }
  }

  return {
    startSession({ startedAt, configJson, version }) {
      const masked = maskedConfigJson(configJson);
      for (let attempt = 0; ; attempt++) {
        const id = sessionIdFor(startedAt, version, masked, attempt);
        if (insertSession.run(id, startedAt, version, masked).changes === 1) return id;
      }
    },
    recordInputs(sessionId, inputs) {
      return append(numOf(sessionId), inputs);
    },
    recordInputTexts(sessionId, texts) {
      // IMMEDIATE: the recorder thread is a second writer; a deferred transaction that reads first could fail
      // with SQLITE_BUSY_SNAPSHOT (no busy wait) when the scanning thread commits in between.
      return appendTexts.immediate(numOf(sessionId), texts);
    },
    endSession(sessionId, endedAt) {
      end.run(endedAt, numOf(sessionId));
    },
    listSessions() {
      return list.all().map(toInfo);
    },
    getSession(sessionId) {
      const row = byId.get(sessionId);
      return row ? toInfo(row) : null;
    },
    sessionConfigJson(sessionId) {
      return configOf.get(numOf(sessionId))!;
    },
    readSessionInputs(sessionId, afterSeq = 0) {
      return stream(numOf(sessionId), afterSeq);
    },
    pruneSessions(keep = keepSessions) {
      return prune.run(keep).changes;
    },
    pruneOldSessions(startedBefore, keep = keepSessions) {
      const ids = staleIds.all(startedBefore, keep);
      for (const id of ids) deleteOne(id);
      return ids;
    },
  };
}
