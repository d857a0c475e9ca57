import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');
function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('command line', () => {
  it('prints help and exits 0', () => {
    const r = run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /replay/);
    assert.equal(run(['replay', '--help']).code, 0);
  });

  it('names a bad flag, config key, value or mint and exits 2', () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['replay', '--bogus'], {}, /--bogus/],
      [['frobnicate'], {}, /unknown command "frobnicate"/],
      [['replay', '--set', 'risk.atrPeriod=zero', '--no-progress'], {}, /risk\.atrPeriod: expected a whole number/],
      [['replay', '--set', 'no.such.key=1'], {}, /unknown config key no\.such\.key/],
      [['replay', '--no-progress'], { PUMP_SCANNER_SIGNALS__IGNITION__MIN_CHANGE_PCT: 'lots' }, /PUMP_SCANNER_SIGNALS__IGNITION__MIN_CHANGE_PCT/],
      [['replay', '--pool-mint', '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP=notamint0OIl', '--no-progress'], {}, /not a Solana address/],
    ];
    for (const [args, env, re] of cases) {
      const r = run(args, env);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, re);
      assert.equal(r.err.trim().split('\n').length, 1, `one line: ${r.err}`);
    }
  });

  it('reports an unreadable replay file with file and line, and writes no log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pump-cli-'));
    try {
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, 'timestamp,open,high,low,close,volume_usd\n1755726000,1,1,1,1,5\n1755726060,1,x,1,1,5\n');
      const log = join(dir, 'out.jsonl');
      const r = run(['replay', '--input', bad, '--log', log, '--no-progress']);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /bad\.csv/);
      assert.match(r.err, /line 3|:3/);
      assert.equal(existsSync(log), false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('masks secrets in --print-config', () => {
    const r = run(['replay', '--print-config'], { BIRDEYE_API_KEY: 'be-secret-0123456789', SOLANA_RPC_URL: 'https://rpc.example.com/?api-key=rpc-secret-9876' });
    assert.equal(r.code, 0, r.err);
    assert.ok(!r.out.includes('be-secret-0123456789') && !r.out.includes('rpc-secret-9876'));
    assert.match(r.out, /"apiKey": "\*\*\*"/);
  });

  it('finishes a replay whose stdout reader went away (| head): exit 0, the log complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pump-cli-epipe-'));
    try {
      const ref = join(dir, 'ref.jsonl');
      assert.equal(run(['replay', '--no-progress', '--log', ref]).code, 0);
      for (const extra of [[], ['--bus', 'memory', '--partitions', '2']]) {
        const log = join(dir, `out-${extra.length}.jsonl`);
        const child = spawn(process.execPath, [CLI, 'replay', '--no-progress', '--log', log, ...extra], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.destroy();
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
        assert.equal(code, 0, err);
        assert.equal(err, '');
        const lines = (f: string) => readFileSync(f, 'utf8').split('\n').filter(Boolean).sort();
        assert.deepEqual(lines(log), lines(ref));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replays the bundled sample with no arguments and prints the summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pump-cli-'));
    try {
      const r = run(['replay', '--no-progress', '--log', join(dir, 'x.jsonl')]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /4h windows 97/);
      assert.match(r.out, /confirmations 19/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
