// CPU use of the live table: 200 tokens with live signals, every token updated every 10 ms
// (20,000 events/s), rendered by startTable into a fake 160-column terminal (50 rows, or --rows 220 to
// have all 200 rows on screen) at the default redraw cap.
// Prints, per second, CPU (user+system, % of one core), events, frames and bytes written.
// Three phases separate the costs: generating events only, reducing them (store, no Ink), full table.
// Run: npx tsc -p . && node dist/bench/table-cpu.js [--seconds 5] [--fps 10] [--tokens 200]
import { PassThrough, Writable } from 'node:stream';
import { Observable, Subject } from 'rxjs';
import { parseArgs } from 'node:util';
import type { ScanEvent } from '../src/domain/index.js';
import { startTable, TableStore } from '../src/outputs/table/index.js';
import { fakeMint, ignition, status, T0, tokenView } from '../test/outputs/table/events.js';
import { printTable } from './md.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '5' }, fps: { type: 'string', default: '10' }, tokens: { type: 'string', default: '200' }, phase: { type: 'string' }, rows: { type: 'string', default: '50' } } });
const SECONDS = Number(values.seconds);
const FPS = Number(values.fps);
const TOKENS = Number(values.tokens);
const TICK_MS = 10;
// Ink patches console.* while the table is up, so figures go straight to the real stdout.
const print = (line: string): void => void process.stdout.write(line + '\n');

/** A terminal-shaped sink: Ink sees a 160x50 TTY; we count what it writes. */
class FakeTty extends Writable {
  isTTY = true;
  columns = 160;
  rows = Number(values.rows);
  writes = 0;
  bytes = 0;
  override _write(chunk: Buffer | string, _enc: string, cb: () => void): void {
    this.writes++;
    this.bytes += chunk.length;
    cb();
  }
}

function feed$(): Observable<ScanEvent> {
  return new Observable<ScanEvent>((sub) => {
    const who = Array.from({ length: TOKENS }, (_, i) => ({ mint: fakeMint(i), symbol: `TOK${i}` }));
    who.forEach((w, i) => sub.next(ignition(w, { ts: T0 + i, changePct: 2 + (i % 30), score: i % 100 })));
    let n = 0;
    const timer = setInterval(() => {
      n++;
      const ts = T0 + n * TICK_MS;
      for (let i = 0; i < who.length; i++) sub.next(tokenView(who[i], { ts, changePct: 5 + Math.sin(n / 50 + i) * 10, price: 0.00005 * (1 + Math.sin(n / 80 + i) / 10) }));
      if (n % 100 === 0) sub.next(status('dexscreener', 'ok', ts, n, 300));
    }, TICK_MS);
    return () => clearInterval(timer);
  });
}

interface Phase { name: string; start(events$: Observable<ScanEvent>): { stop(): void; frames(): number; bytes(): number } }

const phases: Phase[] = [
  { name: 'feed only', start: (e$) => { const s = e$.subscribe(); return { stop: () => s.unsubscribe(), frames: () => 0, bytes: () => 0 }; } },
  {
    name: 'reducer + store',
    start: (e$) => {
      const st = new TableStore(e$, { maxFps: FPS });
      return { stop: () => st.close(), frames: () => 0, bytes: () => 0 };
    },
  },
  {
    name: 'full table (Ink)',
    start: (e$) => {
      const tty = new FakeTty();
      const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
      const t = startTable(e$, { stdout: tty as unknown as NodeJS.WriteStream, stdin, maxFps: FPS, color: process.env.NO_COLOR === undefined });
      return { stop: () => t.stop(), frames: () => tty.writes, bytes: () => tty.bytes };
    },
  },
];

const summary: string[][] = [];
const verbose = process.env.BENCH_VERBOSE === '1';
print(`\n## table CPU:  ${TOKENS} rows on a 160x${values.rows} terminal, ${(TOKENS * 1000) / TICK_MS} token updates/s, maxFps ${FPS}, ${SECONDS}s per phase, node ${process.version}`);
for (const phase of phases.filter((p) => !values.phase || p.name.startsWith(values.phase))) {
  let events = 0;
  const counted$ = new Subject<ScanEvent>();
  // The consumer subscribes first: the feed emits its 200 ignitions synchronously.
  const running = phase.start(counted$);
  const src = feed$().subscribe((e) => {
    events++;
    counted$.next(e);
  });
  const cpus: number[] = [];
  let lastCpu = process.cpuUsage();
  let lastT = performance.now();
  let lastEvents = 0;
  let lastFrames = 0;
  let lastBytes = 0;
  for (let s = 1; s <= SECONDS; s++) {
    await new Promise((r) => setTimeout(r, 1000));
    const cpu = process.cpuUsage(lastCpu);
    const now = performance.now();
    const pct = ((cpu.user + cpu.system) / 1000 / (now - lastT)) * 100;
    cpus.push(pct);
    if (verbose) print(`${phase.name.padEnd(17)} s${s}: cpu ${pct.toFixed(1).padStart(5)}%  events/s ${events - lastEvents}  writes/s ${running.frames() - lastFrames}  KB/s ${((running.bytes() - lastBytes) / 1024).toFixed(0)}`);
    lastCpu = process.cpuUsage();
    lastT = now;
    lastEvents = events;
    lastFrames = running.frames();
    lastBytes = running.bytes();
  }
  running.stop();
  src.unsubscribe();
  const steady = cpus.slice(1);
  summary.push([phase.name, `${(steady.reduce((a, b) => a + b, 0) / Math.max(1, steady.length)).toFixed(1)}%`, String(Math.round(events / SECONDS)), String(Math.round(running.frames() / SECONDS)), String(Math.round(running.bytes() / SECONDS / 1024))]);
}
printTable(['phase', 'CPU, % of one core (mean after the first second)', 'events/s', 'terminal writes/s', 'KB/s written'], summary);
process.exit(0);
