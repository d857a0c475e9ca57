import { setMaxListeners } from 'node:events';
import { ReplaySubject, Subject, filter, interval, type Subscription } from 'rxjs';
import type { Config } from '../../config/load.js';
import { redact } from '../../config/secrets.js';
import type { Clock } from '../../clock/clock.js';
import type { Input } from '../../domain/market.js';
import type { LogLine, ScanEvent } from '../../domain/signals.js';
import { InputRecorder, ThreadInputRecorder, openStore, type SignalLine } from '../../store/index.js';
import { openJsonlLog } from '../../outputs/jsonl.js';
import { scanEvents } from '../pipeline.js';
import type { Engine } from '../engine.js';
import { confidenceOf } from '../commands/replay.js';
import { buildSources } from './sources.js';
import { frameLog } from './frame-log.js';
import { warmUpChainPath } from './chain-warm.js';
import { pruneQuietPools, pruneRecordings } from './retention.js';
import { dirname, join } from 'node:path';
import { Feeds } from './feeds.js';
import { newUniverse, setHeat } from './universe.js';
import { badDataLine, finalStatusLines, stateChanges, statusChanges, statusLine } from './status-lines.js';
import { shownInStatus } from './loop.js';
import type { SourceStatus } from '../../domain/status.js';
import { alertsFor } from '../commands/alerts.js';
import { sinksFromConfig } from '../../outputs/alerts/index.js';
import { openBus } from '../../bus/index.js';
import { busScanEvents } from '../bus-scan.js';
import { runSettingsOf } from '../run-settings.js';
import { startLocalWorkers, usesBus } from '../local-workers.js';

/** Figures for the table header. */
export interface LiveStats {
  tokensTracked: number;
  inputsPerSec: number;
  /** Clock time minus the event time of the newest market input, ms. */
  newestInputLagMs: number | null;
  /** The chain tap's subscriptions, notification rate and lag (`tap 4/4 812/s lag 1.2s`), when tapping. */
  chain?: string | null;
}

export interface ScanOptions {
  cfg: Config;
  clock: Clock;
  /** Mints to watch besides the configured watchlist. */
  mints: string[];
  logPath: string;
  dbPath: string;
  /** Where events go for display (table or plain lines); null for none. `stats` feeds the table header. */
  view: ((events$: Subject<ScanEvent>, stats: () => LiveStats) => Promise<void>) | null;
  version: string;
  warn: (line: string) => void;
  /** Resolves when the scan should stop (Ctrl-C, SIGTERM, a test). */
  stop: Promise<void>;
}

/** Where a session's raw chain frames are recorded: frames/<session>.ndjson beside the store. */
export const framesDirOf = (dbPath: string): string => join(dirname(dbPath), 'frames');
export const framesPathOf = (dbPath: string, sessionId: string): string => join(framesDirOf(dbPath), `${sessionId}.ndjson`);

const SIGNAL_TYPES = new Set(['ignition', 'confirmation', 'fade', 'outcome', 'rejected', 'near_miss']);

/**
 * `pump-scanner scan`: the live scanner. Sources feed the same pipeline the replay uses, on the wall
 * clock; every input (ticks included) is recorded so the session can be replayed exactly. A signal
 * line is written once: the store's idempotent insert decides, so restarts never duplicate it.
 * Returns the exit code: 0 after a clean stop, 1 after a fatal source failure.
 */
export async function runScan(o: ScanOptions): Promise<number> {
  const { cfg, clock } = o;
  // Built first: a half-configured sink is a config error (exit 2) before anything is opened.
  const alertSinks = sinksFromConfig(cfg.alerts);
  const abort = new AbortController();
  // Every request, retry wait and limiter wait in flight listens to this one signal: dozens is normal, not a leak.
  setMaxListeners(0, abort.signal);
  const store = openStore({ ...cfg.store, path: o.dbPath }, { exclusive: true });
  const damage = store.integrityCheck();
  if (damage.length) throw new Error(`store ${o.dbPath} failed its integrity check: ${damage.slice(0, 3).join('; ')}`);
  // Old recordings go before a new one starts (sessions, their inputs and frame files; store.sessionRetentionDays).
  // (An in-memory store has no recordings of its own: a frames folder beside it is someone else's.)
  const pruned = store.path === ':memory:' ? { sessions: 0, frameFiles: 0 } : pruneRecordings(store, framesDirOf(o.dbPath), { retentionDays: cfg.store.sessionRetentionDays, keepSessions: cfg.store.keepSessions, now: clock.now() });
  if (pruned.sessions || pruned.frameFiles) o.warn(`pruned ${pruned.sessions} recorded session(s) and ${pruned.frameFiles} frame file(s) past the retention`);
  // Chain pools not seen trading for store.chainPoolRetentionDays, before the tap loads the rest.
  const quietPools = pruneQuietPools(store, { retentionDays: cfg.store.chainPoolRetentionDays, now: clock.now() });
  if (quietPools) o.warn(`pruned ${quietPools} chain pool(s) not seen trading for ${cfg.store.chainPoolRetentionDays} days`);
  const sessionId = cfg.store.recordInputs ? store.startSession({ startedAt: clock.now(), configJson: JSON.stringify(cfg), version: o.version }) : null;
  // The session's inputs are written by a worker thread (SQLite off the socket-reading thread); an
  // in-memory store cannot be shared with one, so it keeps the in-thread recorder.
  const recorder = !sessionId ? null : store.path === ':memory:' ? new InputRecorder(store, sessionId)
    : new ThreadInputRecorder(store.path, sessionId, cfg.store.busyTimeoutMs, (m) => o.warn(m));
  const log = openJsonlLog(o.logPath, {
    mode: 'append', types: new Set(cfg.log.types),
    onReaderGone: () => o.warn('the reader of the log went away (broken pipe): no more lines are written to it; the store and alerts still get every signal'),
  });
  const sources = buildSources(cfg, clock, abort.signal);
  // The tap's JIT warm-up, before its subscription opens and before any tick (sources.chain.warmUpTokens).
  if (sources.chain && cfg.sources.chain.warmUpTokens > 0) {
    try {
      await warmUpChainPath(cfg, clock, cfg.sources.chain.warmUpTokens);
    } catch (e) {
      o.warn(`chain warm-up skipped: ${redact((e as Error)?.message ?? String(e))}`);
    }
  }
  const universe = newUniverse({ ...cfg.scan, minVolume24hUsd: cfg.gates.minVolume24hUsd });
  const inputs$ = new Subject<Input>();
  // The view loads Ink asynchronously: the last events (the sources' first status lines) wait for it.
  const events$ = new ReplaySubject<ScanEvent>(500);
  const subs: Subscription[] = [];
  let fatal: unknown = null;
  let engine: Engine | null = null;
  // Latest status of every endpoint, by source then endpoint: the closing line reports each source's worst.
  const lastStatus = new Map<string, Map<string, SourceStatus>>();
  const remember = (s: SourceStatus) => {
    const m = lastStatus.get(s.source) ?? new Map<string, SourceStatus>();
    lastStatus.set(s.source, m);
    m.set(s.endpoint ?? '', s);
  };
  let stopRequested!: () => void;
  const stopped = new Promise<void>((r) => (stopRequested = r));

  // Input rate over the last few seconds of real time, and the newest market input's event time.
  const rate = { count: 0, since: Date.now(), perSec: 0 };
  let newestEventTs: number | null = null;
  const push = (i: Input) => {
    recorder?.push(i);
    if (i.kind === 'candle' || i.kind === 'trade') {
      const ev = i.kind === 'candle' ? i.start + i.intervalMs : i.ts;
      if (newestEventTs === null || ev > newestEventTs) newestEventTs = ev;
    }
    if (i.kind !== 'tick') rate.count += 1;
    inputs$.next(i);
  };
  const stats = (): LiveStats => {
    const now = Date.now();
    if (now - rate.since >= 2000) {
      rate.perSec = (rate.count * 1000) / (now - rate.since);
      rate.count = 0;
      rate.since = now;
    }
    return {
      tokensTracked: universe.tokens.size, inputsPerSec: rate.perSec, newestInputLagMs: newestEventTs === null ? null : clock.now() - newestEventTs,
      chain: feeds.chain?.summary() ?? null,
    };
  };
  const write = (line: LogLine, flush: boolean) => {
    log.write(line);
    if (flush) log.flush();
    events$.next(line);
  };
  const onEvent = (e: ScanEvent) => {
    if (e.type === 'token') {
      if (e.mint) setHeat(universe, e.mint, e.changePct4h, e.volumeRatio5m, cfg.signals.ignition.minChangePct, cfg.signals.ignition.volumeMultiple);
      events$.next(e);
    } else if (e.type === 'window') events$.next(e);
    else if (SIGNAL_TYPES.has(e.type)) {
      if (store.insertSignal(e as SignalLine)) write(e, true);
      alerts?.offer(e);
    } else write(e, false);
  };

  // Alerts go out from their own workers; a sink's health is a status line and a header entry like a source's.
  const alerts = alertsFor(cfg, store, () => clock.now(), (s) => write(statusLine(s), false), alertSinks);

  // Scale-out (--bus): the engine runs in the workers; signal lines come back over the bus.
  const bus = usesBus(cfg) ? await openBus(cfg.bus) : null;
  const local = bus ? startLocalWorkers(bus, cfg) : null;
  let engineDone!: () => void;
  const engineEnded = new Promise<void>((r) => (engineDone = r));
  void local?.failed.catch((err) => ((fatal = err), stopRequested()));
  subs.push(
    (bus ? busScanEvents(inputs$, { bus, settings: runSettingsOf(cfg), batchInputs: cfg.bus.batchInputs, lingerMs: 20, endWaitMs: 5000 }) : scanEvents(inputs$, {
      cfg, clock, tickMs: null, confidence: confidenceOf(cfg), views: { staleAfterMs: cfg.scan.staleAfterMs },
      onEngine: (e: Engine) => {
        engine = e;
        for (const s of store.openSignals(clock.now() - cfg.risk.horizonMs)) e.resume(s);
      },
    })).subscribe({ next: onEvent, error: (err) => ((fatal = err), stopRequested(), engineDone()), complete: () => engineDone() }),
  );
  const changed = statusChanges();
  const changeLine = stateChanges();
  subs.push(sources.status$.pipe(filter((s) => (remember(s), changed(s)))).subscribe((s) => {
    write(statusLine(s), false);
    // One stderr line per change of state, so a blocked or unreachable source is never silent.
    const text = changeLine(s);
    if (text) o.warn(text);
  }));
  let badSeq = 0;
  subs.push(sources.badData$.subscribe((b) => write(badDataLine(b, badSeq++), false)));
  // Ticks are inputs like any other, so a replay of the session sees them at the same places.
  subs.push(interval(cfg.scan.tickMs, clock.scheduler).subscribe(() => {
    push({ kind: 'tick', knownAt: clock.now() });
    recorder?.flush();
    feeds.flushChain();
    log.flush();
  }));

  // Frames go to the recorder's batches (its writer thread appends them), as do the tap's store writes.
  const frames = recorder && cfg.sources.chain.enabled && cfg.sources.chain.recordFrames ? frameLog(recorder.appendFile(framesPathOf(o.dbPath, recorder.sessionId)), () => clock.now()) : null;
  const writes = recorder instanceof ThreadInputRecorder ? recorder.deferredWrites() : undefined;
  const feeds = new Feeds({
    cfg, clock, sources, universe, store, push, frames, writes,
    fatal: (err) => {
      fatal ??= err;
      stopRequested();
    },
    // Source trouble (blocked, unreachable, retries spent) is told once by its state-change line, not per round.
    warn: (what, err) => (shownInStatus(err) ? undefined : o.warn(`${what}: ${redact((err as Error)?.message ?? String(err))}`)),
  });
  feeds.start([...cfg.scan.watchlist, ...o.mints]);
  const view = o.view ? o.view(events$, stats) : null;

  await Promise.race([o.stop, stopped, view ?? new Promise<void>(() => {})]);

  abort.abort();
  await feeds.stop();
  for (const s of subs.slice(1)) s.unsubscribe();
  push({ kind: 'tick', knownAt: clock.now() });
  inputs$.complete();
  // Over the bus the last lines come back asynchronously (bounded by the wait in busScanEvents).
  if (bus) await engineEnded;
  subs[0].unsubscribe();
  await local?.stop();
  await bus?.close();
  recorder?.flush();
  if (recorder instanceof ThreadInputRecorder) await recorder.close();
  const bySource = (engine as Engine | null)?.stats.bySource ?? new Map();
  for (const line of finalStatusLines(lastStatus, sources.counters(), bySource, clock.now())) write(line, false);
  if (sessionId) store.endSession(sessionId, clock.now());
  // An alert in flight may still get its 2xx and be marked; anything else stays pending for the next start.
  await alerts?.close();
  log.close();
  store.close();
  await sources.close();
  events$.complete();
  if (fatal) {
    o.warn(redact((fatal as Error)?.message ?? String(fatal)));
    return 1;
  }
  return 0;
}
