#!/usr/bin/env node
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, printableConfig, PACKAGE_ROOT, redact, type Config } from './config/index.js';
import { DEFAULT_REPLAY_LOG, UsageError, keyValues, positiveNumber } from './run/commands/usage.js';
import { ReplayInputError } from './sources/recorded/errors.js';
import { CalibrationError } from './confidence/calibration.js';
import { StoreError } from './store/errors.js';
import type { Subject } from 'rxjs';
import type { ScanEvent } from './domain/signals.js';
import type { LiveStats } from './run/live/scan.js';
import { addressProblem } from './domain/mint.js';
import type { Clock } from './clock/clock.js';
import { BusError } from './bus/types.js';

// Commands load their modules on use: a bad flag or setting (and --help) answers without loading the
// pipeline, the sources and @solana/web3.js, which take most of a second to import.

const COMMON = {
  config: { type: 'string' },
  set: { type: 'string', multiple: true },
  'print-config': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const HELP: Record<string, string> = {
  scan: `Usage: pump-scanner scan [--mint <address>]... [--log <file|->] [--db <file>] [options]

Watches the market live: discovers tokens (DexScreener, GeckoTerminal, Jupiter; Birdeye with
BIRDEYE_API_KEY), keeps their candles fresh, raises ignition and 4h confirmation signals, gates them,
and writes the JSONL log. Keyless by default. Ctrl-C stops cleanly.

Options:
  --mint <address>     Watch this token (repeatable; never evicted)
  --log <file|->       JSONL signal log (default log.path; '-' = stdout for piping into a bot)
  --db <file>          SQLite store (default store.path)
  --no-table           Plain lines instead of the live table (also when stdout is not a terminal)
  --no-discovery       Only the watchlist and --mint tokens
  --clock-start <iso>  Run on an accelerated clock reading this time at --clock-anchor (to watch a
  --clock-speed <x>    recorded market served by the fakes, which print these flags); by default the
  --clock-anchor <ms>  scanner runs on the wall clock. Request budgets are per minute of this clock
                       (x times a live run's real rate): above 1, loopback upstreams only
  --bus <url>          memory (default) or nats://host:port: publish the inputs to partitioned
  --partitions <n>     workers ('pump-scanner worker') and log the lines they send back
  --config, --set, --print-config   As for every command`,
  main: `pump-scanner: Solana DEX pump scanner (ignition and 4h confirmation signals, safety gates, ATR ladders)

Usage: pump-scanner <command> [options]

Commands:
  replay      Replay recorded candles/trades through the live pipeline (default: the bundled sample)
  scan        Run the live scanner (the default of npm start)
  calibrate   Fit the confidence calibration (isotonic; optionally a logistic score model) on replayed history or signal logs
  sessions    List recorded live sessions (replay one with: replay --session <id>)
  worker      Run the engine of one partition of the bus (NATS JetStream scale-out)
  tail        Print the signal lines of the bus as JSONL (bots on other machines)
  decode      Decode swaps from recorded transactions or logsNotification frames (NDJSON out)
  alerts      Alert sinks (webhook, Discord, Telegram): 'alerts test' sends a sample to each
  help        Show help for a command

Common options:
  --config <file>        JSON file of settings over config/default.json
  --set <key=value>      Override one setting (repeatable), e.g. --set signals.ignition.minChangePct=3
  --print-config         Print the merged configuration (secrets masked) and exit
  -h, --help             Help

Run 'pump-scanner help <command>' for the options of a command.`,
  replay: `Usage: pump-scanner replay [--input <file|folder>]... [--log <file|->] [options]

Replays recorded market data through the same pipeline as the live scanner, on a virtual clock.
Same input, same output, byte for byte.

Options:
  --input <path>           File or folder to replay (repeatable). Default: samples/cbrl-1m.csv
                           Formats: GeckoTerminal collector CSVs (candles, trades), GeckoTerminal
                           ohlcv_list JSON, Birdeye OHLCV JSON, NDJSON of inputs, canonical candle CSV
  --log <file|->           JSONL signal log (default ${DEFAULT_REPLAY_LOG}; '-' = stdout)
  --no-log                 Write no log
  --session <id>           Replay a recorded live session from the store (see: pump-scanner sessions)
  --db <file>              Store holding the session (default store.path)
  --pool-mint <pool=mint>  Name the mint of a pool the file only names by pool (repeatable)
  --report <dir>           Write report.json and report.html (evaluation, calibration, charts, sensitivity)
  --table                  Play the replay through the live table (plain lines when stdout is not a TTY)
  --speed <factor>         With --table: replayed seconds per real second (default 3600: an hour a second)
  --no-table               With --table: force plain lines
  --no-progress            No progress bar
  --bus <memory|nats://host:port>   Send the inputs over a bus to partitioned engines and write the
                           lines they send back (default bus.url: memory, everything in this process)
  --partitions <n>         Partitions of the input (default bus.partitions: 1); with nats://, start one
                           'pump-scanner worker' per partition
  --config, --set, --print-config   As for every command`,
  worker: `Usage: pump-scanner worker --bus nats://host:port --partition <k> --partitions <n> [options]

Runs the engine of partition k (0..n-1) of the input stream on NATS JetStream (durable consumer
<name>-worker-<k>) and publishes its signal lines to the SIGNALS stream. Kill and restart it at any
time: it rebuilds its state from the acknowledged inputs and loses or repeats no line. Each run
brings its deciding settings and calibration from the publisher. Ctrl-C stops it.

Options:
  --bus <url>          NATS server with JetStream (nats-server -js), default bus.url
  --partition <k>      Partition to run (0-based)
  --partitions <n>     Partition count of the publisher (default bus.partitions)
  --config, --set, --print-config   As for every command`,
  tail: `Usage: pump-scanner tail --bus nats://host:port [--all]

Prints the signal lines the workers publish as JSONL (the log's format), one per line, until Ctrl-C.

Options:
  --bus <url>          NATS server with JetStream, default bus.url
  --all                Start from the oldest line the stream keeps (default: new lines only)
  --config, --set, --print-config   As for every command`,
  decode: `Usage: pump-scanner decode --input <file>... [--sol-usd <price>]

Decodes the pump.fun, PumpSwap, Raydium CPMM and Raydium CLMM swaps of recorded transactions with the
live tap's decoder and prints one swap per line as NDJSON (a summary goes to stderr).
Inputs: getTransaction responses (encoding json, jsonParsed or base64; one result, a JSON-RPC envelope
or a list), blockSubscribe entries, vixen txupdate JSON, NDJSON of logsNotification frames.

Options:
  --input <file>     File to decode (repeatable)
  --sol-usd <price>  USD per SOL, for priceUsd of SOL-quoted swaps (stablecoin-quoted swaps need none)`,
  alerts: `Usage: pump-scanner alerts test [--config <file>] [--set <key=value>]...

Sends one sample alert (an ignition of the bundled sample under the symbol TEST) to every configured
sink and prints one line per sink. Exit 0 when every sink accepted it, 1 when one failed, 2 when none
is configured.

Sinks (environment, or the alerts.* keys):
  ALERT_WEBHOOK_URL                      Generic JSON webhook (Idempotency-Key header = signal id)
  DISCORD_WEBHOOK_URL                    Discord execute-webhook URL
  TELEGRAM_BOT_TOKEN + TELEGRAM_CHAT_ID  Telegram bot (TELEGRAM_API_BASE_URL for another API host)

scan and replay send alerts to the same sinks while they run (by default ignitions and
confirmations; see alerts.types, alerts.minConfidence, alerts.cooldownMs).`,
  calibrate: `Usage: pump-scanner calibrate [--input <file|folder>]... [--from-log <jsonl>]... [--out <file>]

Labels signals by their outcome (TP1 before the stop within the horizon), fits isotonic regression over
the weighted score on the earlier period (with --set confidence.model=logistic: a logistic score model on
the signals' features and isotonic curves on its out-of-fold scores), evaluates it on the later period
after a purge gap, and writes the calibration file.
Refuses (exit 2) when there are too few samples.

Options:
  --input <path>        Recorded market data to replay (repeatable)
  --from-log <file>     JSONL signal log of an earlier replay or live session (repeatable)
  --out <file>          Calibration file to write (default cache/calibration.json)
  --config, --set, --print-config   As for every command`,
};

function parse<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  const config = { args: argv, options: { ...COMMON, ...options }, allowPositionals: true as const, strict: true as const };
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (e) {
    // parseArgs explains some errors over several lines; the CLI reports one line.
    const text = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(text.split('\n').map((l) => l.trim()).filter(Boolean).join(' '));
  }
  // An empty value (`--log ""`) would silently mean "none" or "the default" further on.
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === '' || (Array.isArray(value) && value.includes(''))) throw new UsageError(`--${name} expects a value, got an empty one`);
  }
  return parsed;
}

function configFrom(values: { config?: string; set?: string[] }, presets: string[]): Config {
  return loadConfig({ presets, file: values.config ?? null, sets: keyValues('--set', values.set).map(([k, v]) => [k, v, `--set ${k}`]) });
}

const out = (s: string) => process.stdout.write(s + '\n');

/** Set by a command that leaves nothing running once main() resolves: the process may end without its teardown. */
let exitsOnceWritten = false;

async function replay(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    input: { type: 'string', multiple: true },
    log: { type: 'string' },
    'no-log': { type: 'boolean' },
    'pool-mint': { type: 'string', multiple: true },
    report: { type: 'string' },
    session: { type: 'string' },
    db: { type: 'string' },
    table: { type: 'boolean' },
    'no-table': { type: 'boolean' },
    speed: { type: 'string' },
    'no-progress': { type: 'boolean' },
    bus: { type: 'string' },
    partitions: { type: 'string' },
  });
  if (values.help) return (out(HELP.replay), 0);
  if (positionals.length) throw new UsageError(`replay takes files with --input, not "${positionals[0]}"`);
  const cfg = busConfigFrom(values, ['replay']);
  if (values['print-config']) return (out(printableConfig(cfg)), 0);
  // --speed paces the table; without --table the replay runs as fast as it can, so a --speed there is a mistake.
  if (values.speed !== undefined && !values.table) throw new UsageError('--speed sets the pace of --table; add --table (without it the replay runs at full speed)');
  const speed = positiveNumber('--speed', values.speed, 3600);
  const poolMints = keyValues('--pool-mint', values['pool-mint']);
  const logPath = values['no-log'] ? null : (values.log ?? DEFAULT_REPLAY_LOG);
  // The table (or its plain lines) writes to stdout: a JSONL log there would be mixed with it.
  if (values.table && logPath === '-') throw new UsageError('--table and --log - both write to stdout; give --log a file, or drop --table to pipe the JSONL');
  const { runReplayCommand } = await import('./run/commands/replay.js');
  // With the log on stdout, the summary goes to stderr so the log stays machine-readable.
  const print = logPath === '-' ? (s: string) => process.stderr.write(s + '\n') : out;
  if (cfg.bus.url !== 'memory' || cfg.bus.partitions > 1) {
    if (values.session || values.table || values.report) throw new UsageError('--bus with more than one process or partition replays files only (no --session, --table or --report)');
    const { runBusReplayCommand } = await import('./run/commands/bus-replay.js');
    await runBusReplayCommand({ cfg, inputs: values.input ?? [], logPath, poolMints, progress: !values['no-progress'], out: print, warn: (l) => process.stderr.write(`pump-scanner: ${l}\n`) });
    return 0;
  }
  if (values.session) {
    if (values.input?.length) throw new UsageError('--session and --input cannot be combined');
    // The store (better-sqlite3) is loaded only for a session replay.
    const { replaySession } = await import('./run/commands/session.js');
    await replaySession({ cfg, dbPath: values.db ?? cfg.store.path, sessionId: values.session, logPath, out: print });
    return 0;
  }
  await runReplayCommand({ cfg, inputs: values.input ?? [], logPath, poolMints, progress: !values['no-progress'], reportDir: values.report ?? null,
    table: values.table ? { speed, plain: Boolean(values['no-table']) } : null,
    out: print,
  });
  // Its log is closed and its summary printed; a replay through the table (Ink, the terminal) ends as usual.
  exitsOnceWritten = !values.table;
  return 0;
}

async function calibrate(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    input: { type: 'string', multiple: true },
    'from-log': { type: 'string', multiple: true },
    out: { type: 'string' },
  });
  if (values.help) return (out(HELP.calibrate), 0);
  if (positionals.length) throw new UsageError(`calibrate takes data with --input, not "${positionals[0]}"`);
  const cfg = configFrom(values, ['replay']);
  if (values['print-config']) return (out(printableConfig(cfg)), 0);
  const { runCalibrateCommand } = await import('./run/commands/calibrate.js');
  await runCalibrateCommand({ cfg, inputs: values.input ?? [], logs: values['from-log'] ?? [], out: values.out ?? 'cache/calibration.json', print: out });
  return 0;
}

async function scan(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    mint: { type: 'string', multiple: true },
    log: { type: 'string' },
    db: { type: 'string' },
    'no-table': { type: 'boolean' },
    'no-discovery': { type: 'boolean' },
    'clock-start': { type: 'string' },
    'clock-speed': { type: 'string' },
    'clock-anchor': { type: 'string' },
    bus: { type: 'string' },
    partitions: { type: 'string' },
  });
  if (values.help) return (out(HELP.scan), 0);
  if (positionals.length) throw new UsageError(`scan takes mints with --mint, not "${positionals[0]}"`);
  const merged = busConfigFrom(values, ['scan'], values['no-discovery'] ? [['scan.discovery', 'false', '--no-discovery']] : []);
  if (values['print-config']) return (out(printableConfig(merged)), 0);
  const { quoteAssetProblem } = await import('./run/live/universe.js');
  const mints = (values.mint ?? []).map((m) => {
    const problem = addressProblem(m);
    if (problem) throw new UsageError(`--mint "${m}" is not a Solana address: ${problem}`);
    const quote = quoteAssetProblem(m, merged.scan.quoteMints);
    if (quote) throw new UsageError(`--mint ${quote}`);
    return m;
  });
  for (const m of merged.scan.watchlist) {
    const quote = quoteAssetProblem(m, merged.scan.quoteMints);
    if (quote) throw new UsageError(`scan.watchlist: ${quote}`);
  }
  const clock = await clockFrom(values['clock-start'], values['clock-speed'], values['clock-anchor']);
  const { budgetsForClock } = await import('./run/commands/clock-budgets.js');
  const { AcceleratedClock } = await import('./clock/accelerated.js');
  // Budgets are per minute of the scanner's clock: an accelerated clock scales them (loopback only).
  const cfg = budgetsForClock(merged, clock instanceof AcceleratedClock ? clock.speed : 1);
  const logPath = values.log ?? cfg.log.path;
  const stop = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const plain = values['no-table'] || !process.stdout.isTTY;
  // With the log on stdout nothing else may write there.
  const view = logPath === '-' ? null : async (events$: Subject<ScanEvent>, stats: () => LiveStats) => {
    const { startTable, startPlainLines } = await import('./outputs/table/index.js');
    await (plain ? startPlainLines(events$, process.stdout) : startTable(events$, { clock, stats })).done;
  };
  const { runScan } = await import('./run/live/scan.js');
  return runScan({ cfg, clock, mints, logPath, dbPath: values.db ?? cfg.store.path, view, version: version(), warn: (l) => process.stderr.write(`pump-scanner: ${l}\n`), stop });
}

/** Config with --bus and --partitions applied as settings, checked like the rest. */
function busConfigFrom(values: { config?: string; set?: string[]; bus?: string; partitions?: string }, presets: string[], extra: Array<[string, string, string]> = []): Config {
  const sets = keyValues('--set', values.set).map(([k, v]): [string, string, string] => [k, v, `--set ${k}`]);
  sets.push(...extra);
  if (values.bus !== undefined) sets.push(['bus.url', values.bus, '--bus']);
  if (values.partitions !== undefined) sets.push(['bus.partitions', values.partitions, '--partitions']);
  // bus.url and bus.name are checked by the schema like every key.
  return loadConfig({ presets, file: values.config ?? null, sets });
}

/** SIGINT or SIGTERM. */
function stopSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

async function worker(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { bus: { type: 'string' }, partition: { type: 'string' }, partitions: { type: 'string' } });
  if (values.help) return (out(HELP.worker), 0);
  if (positionals.length) throw new UsageError(`worker takes no positional arguments, got "${positionals[0]}"`);
  const cfg = busConfigFrom(values, ['replay']);
  if (values['print-config']) return (out(printableConfig(cfg)), 0);
  if (cfg.bus.url === 'memory') throw new UsageError('worker needs --bus nats://host:port (a memory bus lives inside one process)');
  if (values.partition === undefined) throw new UsageError('worker needs --partition <k>');
  const k = Number(values.partition);
  if (!Number.isInteger(k) || k < 0 || k >= cfg.bus.partitions) throw new UsageError(`--partition expects an integer from 0 to ${cfg.bus.partitions - 1} (--partitions ${cfg.bus.partitions}), got "${values.partition}"`);
  const { runWorker } = await import('./run/commands/worker.js');
  return runWorker({ cfg, partition: k, stop: stopSignal(), out: (l) => process.stderr.write(`pump-scanner: ${l}\n`) });
}

async function tail(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { bus: { type: 'string' }, all: { type: 'boolean' } });
  if (values.help) return (out(HELP.tail), 0);
  if (positionals.length) throw new UsageError(`tail takes no positional arguments, got "${positionals[0]}"`);
  const cfg = busConfigFrom(values, []);
  if (values['print-config']) return (out(printableConfig(cfg)), 0);
  if (cfg.bus.url === 'memory') throw new UsageError('tail needs --bus nats://host:port');
  const { runTail } = await import('./run/commands/tail.js');
  // A closed pipe (`tail | head`) ends the command quietly, like any Unix filter.
  let piped = true;
  const closed = new Promise<void>((resolve) => process.stdout.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' ? ((piped = false), resolve()) : undefined)));
  const write = (s: string) => (!piped || process.stdout.write(s) ? undefined : Promise.race([closed, new Promise<void>((r) => process.stdout.once('drain', r))]));
  return runTail({ cfg, all: Boolean(values.all), stop: Promise.race([stopSignal(), closed]), write });
}

/** The clock of `scan`; the clock modules (and rxjs under them) load only once the flags are checked. */
async function clockFrom(start: string | undefined, speed: string | undefined, anchor: string | undefined): Promise<Clock> {
  if (start === undefined && speed === undefined) {
    if (anchor !== undefined) throw new UsageError('--clock-anchor needs --clock-start (it anchors the accelerated clock)');
    return (await import('./clock/clock.js')).wallClock;
  }
  const time = (flag: string, raw: string | undefined, dflt: number) => {
    // An empty value would read as epoch 0 through Number('').
    const t = raw === undefined ? dflt : raw.trim() === '' ? NaN : Number.isFinite(Number(raw)) ? Number(raw) : Date.parse(raw);
    if (!Number.isFinite(t)) throw new UsageError(`${flag} expects an ISO time or epoch ms, got "${raw}"`);
    return t;
  };
  const [from, x, at] = [time('--clock-start', start, Date.now()), positiveNumber('--clock-speed', speed, 1), time('--clock-anchor', anchor, Date.now())];
  const { AcceleratedClock } = await import('./clock/accelerated.js');
  return new AcceleratedClock(from, x, at);
}

async function decode(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { input: { type: 'string', multiple: true }, 'sol-usd': { type: 'string' } });
  if (values.help) return (out(HELP.decode), 0);
  if (positionals.length) throw new UsageError(`decode takes files with --input, not "${positionals[0]}"`);
  if (!values.input?.length) throw new UsageError('decode needs at least one --input <file>');
  const solUsd = values['sol-usd'] === undefined ? null : positiveNumber('--sol-usd', values['sol-usd'], 0);
  const { runDecodeCommand } = await import('./run/commands/decode.js');
  return runDecodeCommand({ inputs: values.input, solUsd, out, note: (l) => process.stderr.write(l + '\n') });
}

async function alerts(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {});
  if (values.help) return (out(HELP.alerts), 0);
  if (positionals[0] !== 'test' || positionals.length > 1) {
    throw new UsageError(positionals.length ? `unknown alerts action "${positionals.join(' ')}" (actions: test)` : 'alerts expects an action: alerts test');
  }
  const cfg = configFrom(values, []);
  if (values['print-config']) return (out(printableConfig(cfg)), 0);
  const { runAlertsTest } = await import('./run/commands/alerts.js');
  return runAlertsTest({ cfg, out });
}

async function sessions(argv: string[]): Promise<number> {
  const { values } = parse(argv, { db: { type: 'string' } });
  if (values.help) return (out('Usage: pump-scanner sessions [--db <file>]\nLists the recorded live sessions.'), 0);
  const cfg = configFrom(values, []);
  const { listSessions } = await import('./run/commands/session.js');
  listSessions({ cfg, dbPath: values.db ?? cfg.store.path, out });
  return 0;
}

function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case undefined:
    case '-h':
    case '--help':
      out(HELP.main);
      return 0;
    case '--version':
    case '-v':
      out(version());
      return 0;
    case 'help':
      out(HELP[rest[0] ?? 'main'] ?? HELP.main);
      return rest[0] && !HELP[rest[0]] ? 2 : 0;
    case 'replay':
      return replay(rest);
    case 'calibrate':
      return calibrate(rest);
    case 'scan':
      return scan(rest);
    case 'sessions':
      return sessions(rest);
    case 'worker':
      return worker(rest);
    case 'tail':
      return tail(rest);
    case 'decode':
      return decode(rest);
    case 'alerts':
      return alerts(rest);
    default:
      throw new UsageError(`unknown command "${cmd}" (commands: scan, replay, calibrate, sessions, worker, tail, decode, alerts, help)`);
  }
}

/** Errors a user can fix (bad flag, setting, input file) exit 2 with one line; anything else exits 1. */
function report(err: unknown): number {
  const e = err as Error & { code?: string };
  const usersFix = (e instanceof StoreError && (e.code === 'STORE_LOCKED' || e.code === 'STORE_MISSING')) || (e instanceof BusError && e.code === 'BUS_PARTITIONS_MISMATCH');
  if (usersFix || e instanceof UsageError || e instanceof ConfigError || e instanceof ReplayInputError || e instanceof CalibrationError) {
    process.stderr.write(`pump-scanner: ${redact(e.message)}\n`);
    return 2;
  }
  process.stderr.write(`pump-scanner: ${e.code ? `[${e.code}] ` : ''}${redact(e.message ?? String(e))}\n`);
  if (process.env.PUMP_SCANNER_DEBUG) process.stderr.write(redact(String(e.stack)) + '\n');
  return 1;
}

// A reader that goes away (`| head`) ends our output, not the process with an unhandled EPIPE: the command
// finishes as it would have (its log complete) and exits with its own code.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

/**
 * Ends the process now when its output is all written: after a large replay, the event loop's wind-down and
 * the heap's teardown take 5-10 ms more. Output still queued (a full pipe, a closed reader) takes the usual way.
 */
function exitOnceWritten(code: number): void {
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    if (exitsOnceWritten) exitOnceWritten(code);
  },
  (err) => {
    process.exitCode = report(err);
  },
);
