// A live market on loopback: the fakes serve real recorded candles "as of now" on an accelerated clock,
// and the real `scan` command runs against them as a child process on the same clock. Used by the
// end-to-end, crash and soak tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AcceleratedClock } from '../../src/clock/accelerated.js';
import { startAllFakes, type RunningFakes } from '../fakes/index.js';
import { Universe, realUniverse, type TokenSpec } from '../fakes/universe.js';
import { poolId } from '../../bench/gen.js';

export const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');

/** Client budgets raised for an accelerated clock: real-time limits would starve a fast-forwarded market. */
export const FAST_BUDGETS = [
  'sources.dexscreener.pairsPerMinute=60000', 'sources.dexscreener.profilesPerMinute=60000', 'sources.geckoterminal.requestsPerMinute=60000',
  'sources.jupiter.requestsPerMinute=60000', 'sources.solana.requestsPer10s=100000', 'sources.birdeye.requestsPerSecond=1000',
].flatMap((s) => ['--set', s]);

/**
 * Tolerances in clock time, widened for an accelerated clock on a loaded machine. At 1,200x the defaults (gate
 * data at most 30 min old, 2 min of grace for data not yet read, a polled candle 15 min late at most) are
 * 1.5 s, 0.1 s and 0.75 s of real time: less than one poll can take when the machine is busy, and a signal
 * would be rejected, or its candles dropped as late, for the machine's load rather than the market. These
 * tests are about signals, restarts and faults, not about data age or lateness (tests of their own). A test
 * that checks one of these passes its own value after them.
 */
export const CLOCK_TOLERANCES = ['gates.maxDataAgeMs=21600000', 'gates.unknownGraceMs=3600000', 'input.lateToleranceMs=7200000'].flatMap((s) => ['--set', s]);

export interface LiveMarket {
  fakes: RunningFakes;
  universe: Universe;
  clock: AcceleratedClock;
  dir: string;
  /** Flags that put `scan` on the market's clock. */
  clockFlags: string[];
  /** Whether scans of this market run the chain tap (off unless the market serves a pubsub fake). */
  tap: boolean;
  stop(): Promise<void>;
}

/** A token with CBRL's real candles under a new mint and pool, so every variant sees the same pumps. */
export function cbrlVariant(base: Universe, n: number, spec: Omit<TokenSpec, 'mint'>): TokenSpec {
  const cbrl = base.list().find((t) => t.symbol === 'CBRL')!;
  return { ...cbrl, mint: poolId(1000 + n), pool: poolId(2000 + n), ...spec } as TokenSpec;
}

/**
 * `leadMs` holds the market at `start` for that many real milliseconds (the clock's anchor lies ahead), so a
 * scan started right after this call has loaded before the market moves: on a loaded machine a scan's start-up
 * alone can take seconds, hours of market time at 1,200x.
 */
export async function startLiveMarket(o: { start: number; speed: number; tokens?: (base: Universe) => TokenSpec[]; only?: string[]; tap?: boolean; leadMs?: number }): Promise<LiveMarket> {
  const base = realUniverse();
  const universe = new Universe();
  for (const t of o.tokens ? o.tokens(base) : base.list()) universe.add(t);
  const anchor = Date.now() + (o.leadMs ?? 0);
  const clock = new AcceleratedClock(o.start, o.speed, anchor);
  universe.now = () => clock.now();
  const fakes = await startAllFakes({ universe, only: o.only ?? ['dexscreener', 'geckoterminal', 'jupiter', 'solana'] });
  const dir = mkdtempSync(join(tmpdir(), 'pump-live-'));
  return {
    fakes, universe, clock, dir, tap: o.tap ?? false,
    clockFlags: ['--clock-start', String(o.start), '--clock-speed', String(o.speed), '--clock-anchor', String(anchor)],
    async stop() {
      await fakes.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ScanRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Sends SIGINT (or another signal) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts `pump-scanner scan` against the market's fakes with its clock; the environment holds nothing else. */
export function startScan(m: LiveMarket, args: string[], extraEnv: Record<string, string> = {}): ScanRun {
  const tapOff = m.tap ? [] : ['--set', 'sources.chain.enabled=false'];
  const child = spawn(process.execPath, [CLI, 'scan', ...m.clockFlags, ...FAST_BUDGETS, ...CLOCK_TOLERANCES, ...tapOff, ...args], {
    env: { PATH: process.env.PATH ?? '', ...m.fakes.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, sig) => resolve(code ?? (sig ? -1 : null))));
  return {
    child, exited,
    stdout: () => out,
    stderr: () => err,
    async stop(signal: NodeJS.Signals = 'SIGINT') {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits (real time, bounded) until the market's clock reaches `t`. */
export async function untilClock(m: LiveMarket, t: number, maxRealMs = 60_000): Promise<void> {
  const end = Date.now() + maxRealMs;
  while (m.clock.now() < t) {
    if (Date.now() > end) throw new Error(`market clock did not reach ${new Date(t).toISOString()}`);
    await new Promise((r) => setTimeout(r, Math.min(200, Math.max(5, (t - m.clock.now()) / m.clock.speed))));
  }
}
