// A small program for the pseudo-terminal smoke test and for trying the table by hand:
// replays the CBRL event sequence (built from real candles) into startTable, or into the plain writer
// when stdout is not a terminal or --no-table is given. Exits 0 when the user quits with q.
import { asyncScheduler, Observable } from 'rxjs';
import type { Clock } from '../../../src/clock/clock.js';
import type { ScanEvent } from '../../../src/domain/index.js';
import { startPlainLines, startTable } from '../../../src/outputs/table/index.js';
import { cbrlEvents } from './cbrl-events.js';
import { ignition, status } from './events.js';

const EVENTS_PER_TICK = Number(process.env.SMOKE_EVENTS_PER_TICK ?? 400);
const all: ScanEvent[] = cbrlEvents();
const firstTs = all[0].ts;
all.unshift(
  status('dexscreener', 'ok', firstTs, 10, 300),
  status('solana', 'circuit_open', firstTs, 3, 240, firstTs + 30_000),
  ignition({ mint: '9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin', symbol: '\x1b[2J\x1b]0;pwned\x07EVIL\u202eNAME\x1b]8;;https://evil.example/\x1b\\LINK' }, { ts: firstTs }),
);

// Replay time: "now" is the newest event time seen, as in `replay --table`.
let newest = firstTs;
const clock: Clock = { now: () => newest, scheduler: asyncScheduler };

const events$ = new Observable<ScanEvent>((sub) => {
  let i = 0;
  const timer = setInterval(() => {
    for (let k = 0; k < EVENTS_PER_TICK && i < all.length; k++, i++) {
      newest = Math.max(newest, all[i].ts);
      sub.next(all[i]);
    }
    if (i >= all.length) {
      clearInterval(timer);
      sub.complete();
    }
  }, 10);
  return () => clearInterval(timer);
});

const plain = process.argv.includes('--no-table') || !process.stdout.isTTY;
const running = plain ? startPlainLines(events$, process.stdout) : startTable(events$, { clock, stats: () => ({ tokensTracked: 2, inputsPerSec: 1234.5 }) });
await running.done;
process.exit(0);
