import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { startAllFakes, type RunningFakes } from '../fakes/index.js';
import { Universe } from '../fakes/universe.js';
import type { DexScreenerFake } from '../fakes/dexscreener.js';
import type { JupiterFake } from '../fakes/jupiter.js';
import type { FakeSolanaRpc } from '../fakes/solana-rpc.js';
import { CLI, FAST_BUDGETS } from '../helpers/live-harness.js';
import { address } from '../sources/http/helpers.js';

// Done-when of the refusals work: the real `scan` process, keyless, against loopback fakes that serve the
// refusals a keyless client meets in the wild, with the recorded bodies (../shared when present, else the
// copies in test/fixtures/refusals): a Cloudflare challenge on DexScreener's /token-boosts/top/v1, the
// public RPC's 403 "Access forbidden" on getMultipleAccounts for its first two requests, the public RPC's
// -32010 on getTokenLargestAccounts, and Jupiter's 401 to a request without a key. The scan must keep
// running, stop with 0 on SIGINT, store every mint's security and show the blocked endpoint and the
// switched-off method in its status lines. The clock runs 600x, so the RPC's minutes of refusal wait pass
// in under a second of real time; nothing here measures time.

type Line = Record<string, unknown> & { type: string };
const readLog = (f: string): Line[] => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Line) : []);

describe('a keyless scan meeting real refusals keeps running', { timeout: 120_000 }, () => {
  let fakes: RunningFakes;
  let dir: string;
  let log: string;
  let db: string;
  let exit: number | null = null;
  let stderr = '';
  let lines: Line[] = [];
  const mints = [1, 2, 3].map((i) => address(i, 33));

  before(async () => {
    const universe = new Universe();
    mints.forEach((mint, i) => universe.add({ mint, pool: address(i + 1, 34), symbol: `RF${i}`, name: `Refused ${i}`, priceUsd: 0.01 * (i + 1) }));
    fakes = await startAllFakes({ universe, only: ['dexscreener', 'geckoterminal', 'jupiter', 'solana'] });
    const dex = fakes.fakes.find((f) => f.name === 'dexscreener') as DexScreenerFake;
    const jup = fakes.fakes.find((f) => f.name === 'jupiter') as JupiterFake;
    const rpc = fakes.fakes.find((f) => f.name === 'solana') as FakeSolanaRpc;
    dex.challenge('boosts_top');
    jup.requiredKey = 'a-key-this-scan-does-not-have';
    rpc.refuse('getMultipleAccounts', 'accessForbidden', 2);
    rpc.refuse('getTokenLargestAccounts', 'secondaryIndexes');
    dir = mkdtempSync(join(tmpdir(), 'pump-refusals-'));
    log = join(dir, 'signals.jsonl');
    db = join(dir, 'scanner.db');
    const start = Date.now();
    const child = spawn(process.execPath, [
      CLI, 'scan', '--clock-start', String(start), '--clock-speed', '600', '--clock-anchor', String(start), ...FAST_BUDGETS,
      '--no-table', '--log', log, '--db', db, ...mints.flatMap((m) => ['--mint', m]), '--set', 'sources.chain.enabled=false',
    ], { env: { PATH: process.env.PATH ?? '', ...fakes.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, sig) => resolve(code ?? (sig ? -1 : null))));
    // Until the RPC has been blocked and answered again and the method was switched off (bounded wait).
    const deadline = Date.now() + 60_000;
    const done = (ls: Line[]) => {
      const sol = ls.filter((l) => l.type === 'status' && l.source === 'solana');
      const unblocked = sol.findIndex((l) => l.state === 'blocked') >= 0 && sol.slice(sol.findIndex((l) => l.state === 'blocked')).some((l) => l.state === 'ok');
      return unblocked && sol.some((l) => l.state === 'disabled') && ls.some((l) => l.type === 'status' && l.endpoint === 'boosts_top');
    };
    while (child.exitCode === null && Date.now() < deadline && !done(readLog(log))) await new Promise((r) => setTimeout(r, 200));
    // A few more rounds so every mint's security read has come through after the block.
    await new Promise((r) => setTimeout(r, 1_000));
    if (child.exitCode === null) child.kill('SIGINT');
    exit = await exited;
    lines = readLog(log);
    // For the README's "How refusals show": the real stderr and status lines of this run.
    if (process.env.SHOW_REFUSALS) writeFileSync(process.env.SHOW_REFUSALS, `${stderr}\n${lines.filter((l) => l.type === 'status').map((l) => JSON.stringify(l)).join('\n')}\n`);
  });

  after(async () => {
    await fakes?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stops with exit 0 on SIGINT, with no fatal error', () => {
    assert.equal(exit, 0, stderr);
  });

  it('stores the mint security of every mint, without the top-holder share the RPC does not offer', () => {
    const store = openStore({ path: db });
    try {
      for (const m of mints) {
        const sec = store.getMintSecurity(m);
        assert.ok(sec, `no mint security stored for ${m}`);
        assert.equal(sec.provenance, 'rpc');
        assert.equal(sec.topHoldersPct ?? null, null);
        // Unavailable is a state (or not asked yet while the RPC was blocked), never a share.
        assert.ok(sec.holders == null || sec.holders.state === 'unavailable', JSON.stringify(sec.holders));
      }
    } finally {
      store.close();
    }
  });

  it('shows the challenged endpoint blocked with its reason while the rest of DexScreener answers', () => {
    const dex = lines.filter((l) => l.type === 'status' && l.source === 'dexscreener');
    const blocked = dex.filter((l) => l.endpoint === 'boosts_top' && l.state === 'blocked');
    assert.ok(blocked.length >= 1);
    assert.equal(blocked[0].detail, 'Cloudflare challenge');
    assert.ok((blocked[0].nextAttemptAt as number) > (blocked[0].ts as number));
    assert.ok(dex.some((l) => l.endpoint === 'tokens' && l.state === 'ok'), 'pair snapshots kept coming');
  });

  it('shows the switched-off RPC method once and the RPC blocked, then ok again', () => {
    const sol = lines.filter((l) => l.type === 'status' && l.source === 'solana');
    const off = sol.filter((l) => l.state === 'disabled');
    assert.equal(off.length, 1);
    assert.equal(off[0].endpoint, 'getTokenLargestAccounts');
    const b = sol.findIndex((l) => l.state === 'blocked');
    assert.ok(b >= 0, 'the RPC was blocked');
    assert.equal(sol[b].detail, 'access forbidden');
    assert.ok(sol.slice(b).some((l) => l.state === 'ok'), 'and answered again after its wait');
  });

  it('shows keyless Jupiter as needing a key, not as a rejected key', () => {
    const jup = lines.filter((l) => l.type === 'status' && l.source === 'jupiter' && l.state === 'blocked');
    assert.ok(jup.length >= 1);
    assert.match(String(jup[0].detail), /JUPITER_API_KEY/);
  });

  it('tells each change of state once on stderr, not a line per failed round', () => {
    const changes = lines.filter((l) => l.type === 'status' && l.source === 'dexscreener' && l.endpoint === 'boosts_top');
    const told = stderr.split('\n').filter((l) => l.includes('boosts_top'));
    assert.ok(told.length >= 1 && told.length <= changes.length, `${told.length} stderr lines for ${changes.length} status lines`);
  });

  it('closes with one final line per source, none of them ok without an answer', () => {
    const finals = lines.filter((l) => l.type === 'status' && l.detail === 'final');
    assert.deepEqual(finals.map((l) => l.source).sort(), ['dexscreener', 'geckoterminal', 'jupiter', 'solana']);
    assert.equal(finals.find((l) => l.source === 'jupiter')?.state, 'blocked');
  });
});

describe('a key the user gave, refused, still ends the scan', { timeout: 60_000 }, () => {
  it('exits 1 with one line naming BIRDEYE_API_KEY and never the key', async () => {
    const universe = new Universe();
    universe.add({ mint: address(9, 33), pool: address(9, 34), symbol: 'KEY', priceUsd: 0.5 });
    const fakes = await startAllFakes({ universe, only: ['birdeye', 'dexscreener', 'geckoterminal', 'jupiter', 'solana'] });
    const dir = mkdtempSync(join(tmpdir(), 'pump-keyed-'));
    const wrong = 'wrong-birdeye-key-0123456789';
    try {
      const child = spawn(process.execPath, [
        CLI, 'scan', ...FAST_BUDGETS, '--set', 'sources.birdeye.websocket=false', '--no-table',
        '--log', join(dir, 'l.jsonl'), '--db', join(dir, 'db'), '--mint', address(9, 33),
      ], { env: { PATH: process.env.PATH ?? '', ...fakes.env, BIRDEYE_API_KEY: wrong }, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
      const timer = setTimeout(() => child.kill('SIGINT'), 30_000);
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      clearTimeout(timer);
      assert.equal(code, 1, err);
      const last = err.trim().split('\n').at(-1) ?? '';
      assert.match(last, /BIRDEYE_API_KEY/);
      assert.ok(!err.includes(wrong), 'the key never shows');
    } finally {
      await fakes.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
