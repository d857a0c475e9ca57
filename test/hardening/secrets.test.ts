import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AcceleratedClock } from '../../src/clock/accelerated.js';
import { startAllFakes, type RunningFakes } from '../fakes/index.js';
import { CBRL } from '../fakes/universe.js';
import type { HttpFaults } from '../fakes/http-base.js';
import { mapLimit, runCli, type CliResult, type CliRun } from './cli-run.js';

// A Birdeye key, a Jupiter key and an RPC URL carrying a token in its path and a key in its query are
// configured; every command runs (successes, failures, --print-config, a live scan against the fakes with
// a wrong key, with 5xx/429 faults, with an unreachable RPC), and every byte the runs leave behind
// (stdout, stderr, JSONL logs, the SQLite store and its WAL, the replay report) is searched for them.

const token = (n: number) => randomBytes(n).toString('base64url').replace(/[-_]/g, 'x').slice(0, n);
const BIRDEYE_KEY = `sek-${token(24)}`;
const WRONG_KEY = `sek-${token(24)}`;
const JUPITER_KEY = `jup-${token(24)}`;
const RPC_TOKEN = token(32);
const RPC_KEY = `rk${token(20)}`;
const SECRETS = { BIRDEYE_KEY, WRONG_KEY, JUPITER_KEY, RPC_TOKEN, RPC_KEY };

const CLOCK_START = '2025-08-22T00:30:00Z';
/** The scans' clock: 600x (a real second is 10 market minutes); each scan stops once its log shows what it checks. */
const SPEED = 600;
/** Budgets raised because the clock runs 600 times faster than the published per-minute limits assume. */
const BUDGETS = [
  'sources.geckoterminal.requestsPerMinute=60000', 'sources.dexscreener.pairsPerMinute=60000', 'sources.dexscreener.profilesPerMinute=60000',
  'sources.jupiter.requestsPerMinute=60000', 'sources.birdeye.requestsPerSecond=1000', 'sources.solana.requestsPer10s=10000',
  'sources.http.retryMinMs=1', 'sources.http.retryMaxMs=20', 'sources.http.retries=2',
].flatMap((s) => ['--set', s]);

/** A loopback port with nothing listening (bound, then closed). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Where each secret appears: `name in place`. Searches text as UTF-8 and files as raw bytes. */
function leaks(places: Array<[string, string | Buffer]>): string[] {
  const found: string[] = [];
  for (const [place, content] of places) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    for (const [name, value] of Object.entries(SECRETS)) if (bytes.includes(Buffer.from(value, 'utf8'))) found.push(`${name} in ${place}`);
  }
  return found;
}

describe('secrets never leave the process', () => {
  let dir = '';
  let fakes: RunningFakes;
  let env: Record<string, string> = {};
  const runs: Array<{ name: string; r: CliResult }> = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pump-secrets-'));
    fakes = await startAllFakes({ birdeyeKey: BIRDEYE_KEY, solanaPath: `/rpc/${RPC_TOKEN}` });
    env = { ...fakes.env, BIRDEYE_API_KEY: BIRDEYE_KEY, JUPITER_API_KEY: JUPITER_KEY, SOLANA_RPC_URL: `${fakes.env.SOLANA_RPC_URL}?api-key=${RPC_KEY}` };
  });
  after(async () => {
    await fakes.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (name: string, r: CliRun): Promise<CliResult> => {
    const res = await runCli({ ...r, env: { ...env, ...r.env } });
    runs.push({ name, r: res });
    return res;
  };
  const scanArgs = (name: string, anchor: number) => [
    'scan', '--no-discovery', '--mint', CBRL.mint, '--no-table', '--log', join(dir, `${name}.jsonl`), '--db', join(dir, `${name}.db`),
    '--clock-start', CLOCK_START, '--clock-speed', String(SPEED), '--clock-anchor', String(anchor), ...BUDGETS,
  ];
  /** Serves the recorded market live on the scanner's accelerated clock. */
  const shareClock = (): number => {
    const anchor = Date.now();
    const clock = new AcceleratedClock(Date.parse(CLOCK_START), SPEED, anchor);
    fakes.universe.now = () => clock.now();
    return anchor;
  };
  /** Stop a scan once its log shows `pattern` (the scan reached its sources), however long its start took. */
  const logShows = (name: string, pattern: RegExp) => (): boolean => {
    try {
      return pattern.test(readFileSync(join(dir, `${name}.jsonl`), 'utf8'));
    } catch {
      return false;
    }
  };
  const FAULT_STATES = /"state":"(retrying|rate_limited|failed|circuit_open)"/;
  const httpFaults = (f: Partial<HttpFaults>) => {
    for (const fake of fakes.fakes) Object.assign(fake.faults as object, f);
  };

  it('prints the config of every command with the secrets masked', async () => {
    const results = await mapLimit(['replay', 'scan', 'calibrate'], 2, (cmd) => run(`${cmd} --print-config`, { args: [cmd, '--print-config'] }));
    for (const r of results) {
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /"apiKey": "\*\*\*"/);
    }
    const bad = await run('config error', { args: ['replay', '--print-config', '--set', 'risk.atrPeriod=x'], env: { PUMP_SCANNER_DEBUG: '1' } });
    assert.equal(bad.code, 2);
    const badUrl = await run('malformed RPC URL', { args: ['replay', '--print-config'], env: { SOLANA_RPC_URL: `127.0.0.1:1/rpc/${RPC_TOKEN}?api-key=${RPC_KEY}` } });
    assert.equal(badUrl.code, 2);
  });

  it('replays the sample (log, report, sessions list) without them', async () => {
    const r = await run('replay', { args: ['replay', '--no-progress', '--log', join(dir, 'replay.jsonl'), '--report', join(dir, 'report')] });
    assert.equal(r.code, 0, r.err);
  });

  it('scans against the fakes (clean, wrong key, 5xx/429 faults, unreachable RPC) without them', async () => {
    // Three scans share the fakes and one clock; the fault run is alone since the knobs are the fakes'.
    const port = await closedPort();
    const unreachable = `http://127.0.0.1:${port}/rpc/${RPC_TOKEN}?api-key=${RPC_KEY}`;
    const anchor = shareClock();
    const scan = (name: string, extra: Record<string, string>, until: RegExp) => run(name, { args: scanArgs(name, anchor), env: extra, stopWhen: logShows(name, until), timeoutMs: 60_000 });
    const [clean] = await Promise.all([
      scan('scan', {}, /"type":"status"/), scan('wrong-key', { BIRDEYE_API_KEY: WRONG_KEY }, /BIRDEYE_API_KEY|401/), scan('no-rpc', { SOLANA_RPC_URL: unreachable }, /"source":"solana"/),
    ]);
    assert.equal(clean.code, 0, clean.err);
    assert.match(readFileSync(join(dir, 'scan.jsonl'), 'utf8'), /"type":"status"/, 'the scan reached the sources');
    const wrong = runs.find((x) => x.name === 'wrong-key')!.r;
    assert.match(wrong.err + readFileSync(join(dir, 'wrong-key.jsonl'), 'utf8'), /BIRDEYE_API_KEY|401/, 'the wrong key was refused');
    assert.match(readFileSync(join(dir, 'no-rpc.jsonl'), 'utf8'), /"source":"solana"/);

    httpFaults({ rate5xx: 0.4, rate429: 0.3, retryAfterShare: 0.5, retryAfterSeconds: 0 });
    const faulty = await run('faults', { args: scanArgs('faults', shareClock()), stopWhen: logShows('faults', FAULT_STATES), timeoutMs: 60_000, env: { PUMP_SCANNER_DEBUG: '1' } });
    httpFaults({ rate5xx: 0, rate429: 0, retryAfterShare: 0 });
    assert.match(readFileSync(join(dir, 'faults.jsonl'), 'utf8'), FAULT_STATES, 'the faults were seen');
    assert.ok(faulty.code !== null);

    const sessions = await run('sessions', { args: ['sessions', '--db', join(dir, 'scan.db')] });
    const id = /^(\S+)/m.exec(sessions.out)?.[1];
    assert.ok(id, sessions.out);
    const replayed = await run('replay --session', { args: ['replay', '--session', id, '--db', join(dir, 'scan.db'), '--log', join(dir, 'session-replay.jsonl')] });
    assert.equal(replayed.code, 0, replayed.err);
  });

  it('finds none of them in any output, log, store or report', () => {
    const places: Array<[string, string | Buffer]> = [];
    for (const { name, r } of runs) places.push([`${name} stdout`, r.out], [`${name} stderr`, r.err]);
    const files = filesUnder(dir);
    assert.ok(files.some((f) => f.endsWith('scan.db')) && files.some((f) => f.endsWith('.jsonl')) && files.some((f) => f.endsWith('report.html')), files.join(', '));
    for (const f of files) places.push([f, readFileSync(f)]);
    assert.ok(runs.length >= 10);
    assert.deepEqual(leaks(places), []);
  });
});
