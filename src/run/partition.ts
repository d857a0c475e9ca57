import { Subject, type Subscription } from 'rxjs';
import type { Input } from '../domain/market.js';
import { isLogLine, type Confidence, type ScanEvent } from '../domain/signals.js';
import type { SignalContext } from '../domain/context.js';
import { VirtualClock } from '../clock/clock.js';
import { BusError, type BusMessage, type Outgoing, type PartitionHandler } from '../bus/index.js';
import { scanEvents } from './pipeline.js';
import type { EngineConfig } from './decide.js';
import type { Config } from '../config/load.js';
import { applyRunSettings, type RunSettings } from './run-settings.js';
import type { Engine } from './engine.js';
import { engineCounts } from './replay.js';

interface RunState {
  run: string;
  inputs$: Subject<readonly Input[]>;
  sub: Subscription;
  out: Outgoing[];
  /** The pipeline failed (a bug, not bad data: bad records are dropped and logged): the worker must stop. */
  error: unknown;
  tokens: Set<string>;
  windows4h: number;
  windowsUp: number;
  engine: Engine | null;
}

/**
 * The engine of one partition behind the bus: the same pipeline the single process runs, on a virtual
 * clock that moves with the partition's inputs (ticks included). A run's `start` begins an empty
 * engine; its `end` finishes it at the run's last clock time, which every partition receives, so each
 * closes the same windows the single process would. The start carries the publisher's deciding settings.
 */
export class PartitionEngine implements PartitionHandler {
  private state: RunState | null = null;

  /**
   * `base`: the worker's own config and confidence, used for a run that carries no settings (a start
   * dropped by the stream's max age); a run's start otherwise brings the publisher's.
   */
  constructor(
    private readonly base: Config,
    private readonly partitions: number,
    private readonly baseConfidence?: (ctx: SignalContext) => Confidence,
  ) {}

  handle(msg: BusMessage): Outgoing[] {
    if (msg.t === 'start') {
      if (msg.partitions !== this.partitions) {
        throw new BusError('BUS_PARTITIONS_MISMATCH', `run ${msg.run} is split into ${msg.partitions} partitions but this worker has --partitions ${this.partitions}`);
      }
      this.begin(msg.run, msg.settings ? applyRunSettings(this.base, msg.settings as RunSettings) : null);
      return this.take();
    }
    // A run whose start this worker never saw (dropped by the stream's max age): begin from here.
    const s = this.state && this.state.run === msg.run ? this.state : this.begin(msg.run, null);
    if (msg.t === 'in') {
      s.inputs$.next(msg.inputs);
      if (s.error) throw s.error;
      return this.take();
    }
    // The last clock time of the whole run, then the finish: boundaries close in the same order as in one process.
    s.inputs$.next([{ kind: 'tick', knownAt: msg.knownAt }]);
    s.inputs$.complete();
    s.sub.unsubscribe();
    if (s.error) throw s.error;
    // Every token the engine saw (as the single-process summary counts them), not only those with a closed window.
    const counts = s.engine ? engineCounts(s.engine) : { tokens: s.tokens.size, tokensWith5m: 0, windowsOpenAtEnd: 0 };
    s.out.push({ kind: 'end', knownAt: msg.knownAt, figures: { windows4h: s.windows4h, windowsUp: s.windowsUp, ...counts } });
    this.state = null;
    return s.out.splice(0);
  }

  private begin(run: string, settings: { cfg: EngineConfig; confidence: (ctx: SignalContext) => Confidence } | null): RunState {
    const cfg = settings?.cfg ?? this.base;
    const confidence = settings ? settings.confidence : this.baseConfidence;
    this.state?.sub.unsubscribe();
    const inputs$ = new Subject<readonly Input[]>();
    const s: RunState = { run, inputs$, sub: null as unknown as Subscription, out: [], error: null, tokens: new Set(), windows4h: 0, windowsUp: 0, engine: null };
    const threshold = cfg.signals.confirmation.minChangePct;
    s.sub = scanEvents(inputs$, { cfg, clock: new VirtualClock(), tickMs: null, confidence, onEngine: (e) => (s.engine = e) }).subscribe({
      next: (e: ScanEvent) => {
        if (e.type === 'window') {
          s.tokens.add(e.mint ?? `pool:${e.pool}`);
          s.windows4h += 1;
          if (e.changePct >= threshold - 1e-9) s.windowsUp += 1;
        } else if (isLogLine(e)) s.out.push({ kind: 'line', line: e });
      },
      error: (err) => (s.error = err),
    });
    this.state = s;
    return s;
  }

  private take(): Outgoing[] {
    return this.state ? this.state.out.splice(0) : [];
  }
}
