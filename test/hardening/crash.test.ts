import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { FOUR_HOUR_MS } from '../../src/domain/time.js';
import { CBRL } from '../fakes/universe.js';
import { seeded } from '../fakes/http-base.js';
import type { GeckoTerminalFake } from '../fakes/geckoterminal.js';
import { cbrlVariant, startLiveMarket, startScan, untilClock, type LiveMarket } from '../helpers/live-harness.js';
import { readLog, type Line } from '../helpers/soak-tools.js';

// Crash safety of the live scanner: the real `scan` against the fakes (CBRL's real market on a 600x
// clock from 2025-08-22 00:30), killed with SIGKILL at seeded random moments and restarted with the same log
// and store, then run to 04:20 and stopped cleanly. CBRL's 00:00 window ignites at 01:48 and confirms at
// 04:00. Kills fall anywhere from the first instants of a process (opening the store, backfilling) to live
// scanning, except that one run is left alive across 01:48: a signal due while no scanner runs is history
// on restart, not a signal, so the ignition needs a live scanner to be raised at all. Restarts stay before
// 03:00, while the latest closed 4h bar a backfill needs is still the one stored by the first run.
const START = Date.parse('2025-08-22T00:30:00Z');
const WINDOW = Date.parse('2025-08-22T00:00:00Z');
const END = Date.parse('2025-08-22T04:20:00Z');
const at = (hhmm: string) => Date.parse(`2025-08-22T${hhmm}:00Z`);
const SEED = 20250822;
const TORN = '{"v":1,"type":"ignition","ts":1755830880000,"mint":"5LKHMd2rMSRa';

interface Round {
  killedAtClock: number;
  aliveWhenKilled: boolean;
  hourFetches: Map<string, number>;
  storedBefore: Set<string>;
  damage: string[];
  /** Sessions in the store after this run. */
  sessionsAfter: number;
}

describe('crash: SIGKILL at random moments, restart, repeat', { timeout: 120_000 }, () => {
  let m: LiveMarket;
  let log: string;
  let db: string;
  let args: string[];
  let lines: Line[] = [];
  const rounds: Round[] = [];
  let finalExit: number | null = null;
  let finalStderr = '';
  let sessions: Array<{ endedAt: number | null }> = [];
  let gecko: GeckoTerminalFake;
  const pools = new Map<string, string>();

  /** Pools whose 4h history is in the store (read between runs, while no scanner holds it). */
  const storedHistory = (): { stored: Set<string>; damage: string[]; sessions: number } => {
    const store = openStore({ path: db });
    try {
      const stored = new Set([...pools].filter(([mint]) => store.loadCandles(mint, FOUR_HOUR_MS, 0).length > 0).map(([, pool]) => pool));
      return { stored, damage: store.integrityCheck({ full: true }), sessions: store.listSessions().length };
    } finally {
      store.close();
    }
  };
  // Requests for a pool's whole 4h history (scan.backfill4hBars 30 + 2 bars). A run restarted after a 4h
  // boundary passed asks only for the bars after the stored ones (limit 3-4): a top-up, not the history.
  const hourFetchesSince = (from: number): Map<string, number> => {
    const out = new Map<string, number>();
    for (const r of gecko.requests.slice(from)) {
      const pool = /\/pools\/([^/]+)\/ohlcv\/hour/.exec(r.path)?.[1];
      if (pool && Number(r.query.get('limit')) === 30 + 2) out.set(pool, (out.get(pool) ?? 0) + 1);
    }
    return out;
  };

  /** One run killed `realMs` after its start, or once the clock reaches `clockAt`, whichever is given. */
  async function killedRun(stored: Set<string>, kill: { realMs?: number; clockAt?: number }): Promise<void> {
    const from = gecko.requests.length;
    const run = startScan(m, args);
    if (kill.clockAt !== undefined) await untilClock(m, kill.clockAt);
    else await new Promise((r) => setTimeout(r, kill.realMs));
    const aliveWhenKilled = run.child.exitCode === null && run.child.signalCode === null;
    const killedAtClock = m.clock.now();
    run.child.kill('SIGKILL');
    await run.exited;
    const { stored: after, damage, sessions: sessionsAfter } = storedHistory();
    rounds.push({ killedAtClock, aliveWhenKilled, hourFetches: hourFetchesSince(from), storedBefore: new Set(stored), damage, sessionsAfter });
    if (!aliveWhenKilled) throw new Error(`run ${rounds.length} exited on its own: ${run.stderr()}`);
    for (const p of after) stored.add(p);
  }

  before(async () => {
    m = await startLiveMarket({
      start: START, speed: 600,
      tokens: (base) => [
        { ...base.list().find((t) => t.symbol === 'CBRL')!, liquidityUsd: 120_000, volume24hUsd: 500_000 },
        ...[0, 1].map((i) => cbrlVariant(base, 10 + i, { symbol: `CR${i}`, liquidityUsd: 120_000, volume24hUsd: 500_000 })),
      ],
    });
    for (const t of m.universe.list()) pools.set(t.mint, t.pool);
    gecko = m.fakes.fakes.find((f) => f.name === 'geckoterminal') as GeckoTerminalFake;
    log = join(m.dir, 'signals.jsonl');
    db = join(m.dir, 'scanner.db');
    args = ['--no-discovery', '--no-table', '--log', log, '--db', db, ...[...pools.keys()].flatMap((x) => ['--mint', x])];
    const random = seeded(SEED);
    const between = (a: number, b: number) => a + Math.floor(random() * (b - a));
    const stored = new Set<string>();
    // Before the ignition: killed at random real delays after each start (from process start-up, through
    // opening the store and backfilling, to live scanning).
    while (m.clock.now() < at('01:05')) await killedRun(stored, { realMs: between(150, 900) });
    // Alive across 01:48, killed at a random moment after it.
    await killedRun(stored, { clockAt: between(at('01:55'), at('02:05')) });
    // A kill during a write leaves part of a line: the next start must cut it.
    appendFileSync(log, TORN);
    // Then again kills at random real delays.
    while (m.clock.now() < at('02:30')) await killedRun(stored, { realMs: between(150, 900) });
    const from = gecko.requests.length;
    const finalStart = m.clock.now();
    const run = startScan(m, args);
    await untilClock(m, END);
    finalExit = await run.stop();
    finalStderr = run.stderr();
    const last = storedHistory();
    rounds.push({ killedAtClock: NaN, aliveWhenKilled: false, hourFetches: hourFetchesSince(from), storedBefore: new Set(stored), damage: last.damage, sessionsAfter: last.sessions });
    lines = readLog(log);
    const store = openStore({ path: db });
    try {
      sessions = store.listSessions();
    } finally {
      store.close();
    }
    // Figures for docs/soak-crash.md (CRASH_FIGURES=<file> writes them).
    if (process.env.CRASH_FIGURES) {
      writeFileSync(process.env.CRASH_FIGURES, JSON.stringify({
        kills: rounds.slice(0, -1).map((r) => new Date(r.killedAtClock).toISOString().slice(11, 19)), finalStart: new Date(finalStart).toISOString(),
        sessions: sessions.length, hourFetches: rounds.map((r) => [...r.hourFetches.values()].reduce((a, b) => a + b, 0)), lines: lines.length,
        signals: lines.filter((l) => l.type !== 'status').length,
      }, null, 1));
    }
  });

  after(async () => m?.stop());

  it('was killed several times while running, then stopped cleanly', () => {
    assert.ok(rounds.length >= 7, `${rounds.length - 1} kills`);
    assert.ok(rounds.slice(0, -1).every((r) => r.aliveWhenKilled));
    assert.equal(finalExit, 0, finalStderr);
    // A run killed before it opened the store leaves no session (how many were depends on the machine's
    // load: a run is killed 150-900 real ms after its start), one that opened it leaves exactly one; only
    // the last run, stopped cleanly, ended its session.
    const counts = rounds.map((r) => r.sessionsAfter);
    assert.ok(counts.every((n, i) => n - (i === 0 ? 0 : counts[i - 1]) <= 1), `sessions after each run: ${counts.join(',')}`);
    assert.equal(counts.at(-1)! - (counts.at(-2) ?? 0), 1, 'the final run recorded one session');
    assert.equal(sessions.length, counts.at(-1));
    assert.equal(sessions.filter((s) => s.endedAt !== null).length, 1);
  });

  it('leaves a JSONL log of complete lines only: the torn tail was cut, nothing else', () => {
    const text = readFileSync(log, 'utf8');
    assert.ok(text.endsWith('\n'));
    assert.ok(!text.includes(TORN));
    assert.ok(lines.length > 0);
  });

  it('writes no signal twice', () => {
    const ids = lines.filter((l) => l.type !== 'status').map((l) => l.id);
    assert.equal(new Set(ids).size, ids.length, 'a line id appears twice');
    const keys = lines.filter((l) => ['ignition', 'confirmation', 'fade', 'rejected'].includes(l.type)).map((l) => `${l.type}|${l.mint}|${l.window4hStart}|${l.signalType ?? ''}`);
    assert.equal(new Set(keys).size, keys.length, 'a window was decided twice');
  });

  it('leaves a store that passes the full integrity check after every kill', () => {
    for (const [i, r] of rounds.entries()) assert.deepEqual(r.damage, [], `after run ${i + 1}`);
  });

  it('still raises the ignition and its confirmation, linked across the restarts', () => {
    const ign = lines.find((l) => l.type === 'ignition' && l.mint === CBRL.mint && l.window4hStart === WINDOW);
    assert.ok(ign, `no CBRL ignition: ${lines.map((l) => l.type).join(',')}`);
    const conf = lines.find((l) => l.type === 'confirmation' && l.mint === CBRL.mint && l.window4hStart === WINDOW);
    assert.ok(conf, 'no CBRL confirmation');
    assert.equal(conf.ts, WINDOW + FOUR_HOUR_MS);
    assert.equal(conf.ignitionId, ign.id);
  });

  it('never downloads the 4h history of a pool again once it is stored', () => {
    assert.equal(rounds[0].storedBefore.size, 0);
    assert.ok(rounds.at(-1)!.storedBefore.size === pools.size, 'some 4h history was never stored');
    for (const [i, r] of rounds.entries()) {
      for (const pool of r.storedBefore) assert.equal(r.hourFetches.get(pool) ?? 0, 0, `run ${i + 1} fetched the 4h history of ${pool} again`);
    }
  });
});
