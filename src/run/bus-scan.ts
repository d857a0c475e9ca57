import { Observable } from 'rxjs';
import type { Input } from '../domain/market.js';
import type { ScanEvent } from '../domain/signals.js';
import type { Bus, SignalFollower } from '../bus/index.js';
import { newRunId } from './bus-replay.js';

export interface BusScanOptions {
  bus: Bus;
  /** Deciding settings every worker applies to this run (runSettingsOf). */
  settings: unknown;
  /** Inputs per publish at most; fewer are sent after `lingerMs` or at a tick. */
  batchInputs: number;
  lingerMs: number;
  /** After the inputs end, how long to wait for the workers' last lines, ms. */
  endWaitMs: number;
}

/**
 * The live scan's engine moved behind the bus: the inputs (ticks included) are published as one run,
 * and the signal lines the workers send back for that run come out, like `scanEvents` would emit them
 * (no token views or closed windows: those stay in the workers). When the inputs complete, the run
 * ends at the last input's clock time and the stream completes once every partition has reported,
 * or after `endWaitMs`.
 */
export function busScanEvents(inputs$: Observable<Input | readonly Input[]>, o: BusScanOptions): Observable<ScanEvent> {
  return new Observable<ScanEvent>((subscriber) => {
    const run = newRunId();
    const pub = o.bus.inputPublisher(run, o.settings);
    let follower: SignalFollower | null = null;
    let stopped = false;
    const fail = (err: unknown) => subscriber.error(err);
    let ends = 0;
    const read = async (f: SignalFollower) => {
      try {
        for await (const m of f) {
          if (m.run !== run) continue;
          if (m.kind === 'line') subscriber.next(m.line);
          else if (++ends === o.bus.partitions) return subscriber.complete();
        }
      } catch (err) {
        fail(err);
      }
    };
    // Publishes run one after another, so each partition keeps the input order.
    let queue: Promise<unknown> = (async () => {
      follower = await o.bus.followSignals('new');
      if (stopped) return void follower.stop();
      await pub.start();
      void read(follower);
    })();
    queue.catch(fail);
    let buf: Input[] = [];
    let timer: NodeJS.Timeout | null = null;
    let last = 0;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (buf.length === 0) return;
      const batch = buf;
      buf = [];
      queue = queue.then(() => pub.publish(batch));
      queue.catch(fail);
    };
    let endTimer: NodeJS.Timeout | null = null;
    const sub = inputs$.subscribe({
      next: (x) => {
        for (const input of (Array.isArray(x) ? x : [x]) as Input[]) {
          buf.push(input);
          if (input.knownAt > last) last = input.knownAt;
          if (input.kind === 'tick' || buf.length >= o.batchInputs) flush();
        }
        if (buf.length && !timer) timer = setTimeout(flush, o.lingerMs);
      },
      error: fail,
      complete: () => {
        flush();
        queue = queue.then(() => pub.end(last));
        queue.catch(fail);
        endTimer = setTimeout(() => subscriber.complete(), o.endWaitMs);
      },
    });
    return () => {
      stopped = true;
      sub.unsubscribe();
      if (timer) clearTimeout(timer);
      if (endTimer) clearTimeout(endTimer);
      void (follower as SignalFollower | null)?.stop();
    };
  });
}
