import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linesOf, mapLimit, runCli } from './cli-run.js';

// Flags, commands, mints and config files given wrong: each case must exit 2 with exactly one stderr
// line that names the culprit, print nothing on stdout and create no file.

const CBRL = '5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump';
const POOL = '7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP';
/** 44 characters with `0`, `O`, `I` and `l`, which base58 lacks. */
const NOT_BASE58 = '0OIl5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8';
/** Valid base58, but 31 characters. */
const TOO_SHORT = CBRL.slice(0, 31);
/** Valid base58 of 44 characters that decodes to 33 bytes, not 32. */
const WRONG_BYTES = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz';

describe('bad flags, commands and files', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'pump-flags-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 with one line naming the problem for each bad argument, and writes nothing', async () => {
    const out = (name: string) => ['--log', join(dir, 'out', `${name}.jsonl`), '--db', join(dir, 'out', `${name}.db`)];
    const notJson = join(dir, 'not-json.json');
    writeFileSync(notJson, '{"signals": {');
    const unknownKey = join(dir, 'unknown-key.json');
    writeFileSync(unknownKey, JSON.stringify({ signals: { ignition: { minChangePctt: 3 } } }));
    const wrongType = join(dir, 'wrong-type.json');
    writeFileSync(wrongType, JSON.stringify({ risk: { atrPeriod: 'fourteen' } }));
    const array = join(dir, 'array.json');
    writeFileSync(array, '[1,2]');
    const badWatch = join(dir, 'bad-watch.json');
    writeFileSync(badWatch, JSON.stringify({ scan: { watchlist: [CBRL, NOT_BASE58] } }));
    const missing = join(dir, 'missing.json');

    const cases: Array<{ args: string[]; env?: Record<string, string>; names: RegExp }> = [
      { args: ['frobnicate'], names: /unknown command "frobnicate"/ },
      ...['replay', 'scan', 'calibrate', 'sessions'].map((cmd) => ({ args: [cmd, '--bogus'], names: /--bogus/ })),
      { args: ['replay', '-x'], names: /-x/ },
      { args: ['replay', 'samples/cbrl-1m.csv'], names: /samples\/cbrl-1m\.csv/ },
      { args: ['scan', CBRL], names: new RegExp(CBRL) },
      { args: ['replay', '--set', 'risk.atrPeriod'], names: /--set.*risk\.atrPeriod/ },
      { args: ['replay', '--set', '=3'], names: /--set/ },
      { args: ['replay', '--set', 'no.such.key=1'], names: /no\.such\.key/ },
      { args: ['replay', '--log'], names: /--log/ },
      ...['0', '-5', 'fast', 'Infinity', ''].map((s) => ({ args: ['replay', '--table', '--no-table', '--speed', s, ...out('speed')], names: /--speed/ })),
      { args: ['replay', '--speed', 'fast', ...out('speed-alone')], names: /--speed/ },
      ...['yesterday', '', '2025-13-45T00:00:00Z'].map((s) => ({ args: ['scan', '--no-table', '--clock-start', s, ...out('clock')], names: /--clock-start/ })),
      { args: ['scan', '--no-table', '--clock-start', '2025-08-22T00:30:00Z', '--clock-speed', '0', ...out('speed0')], names: /--clock-speed/ },
      { args: ['scan', '--no-table', '--clock-start', '2025-08-22T00:30:00Z', '--clock-anchor', 'noon', ...out('anchor')], names: /--clock-anchor/ },
      { args: ['scan', '--no-table', '--clock-anchor', '1755822600000', ...out('anchor-alone')], names: /--clock-anchor/ },
      ...[NOT_BASE58, TOO_SHORT, WRONG_BYTES, `${CBRL}x`, ''].map((m) => ({ args: ['scan', '--no-table', '--mint', CBRL, '--mint', m, ...out('mint')], names: /--mint/ })),
      { args: ['replay', '--pool-mint', `${POOL}=${NOT_BASE58}`, ...out('pm1')], names: /--pool-mint.*mint/ },
      { args: ['replay', '--pool-mint', `${TOO_SHORT}=${CBRL}`, ...out('pm2')], names: /--pool-mint.*pool/ },
      { args: ['replay', '--pool-mint', `${POOL}=${WRONG_BYTES}`, ...out('pm3')], names: /--pool-mint/ },
      { args: ['replay', '--pool-mint', POOL, ...out('pm4')], names: /--pool-mint/ },
      { args: ['replay', '--config', missing], names: new RegExp(`${missing}.*(does not exist|ENOENT)`) },
      { args: ['replay', '--config', notJson], names: new RegExp(`${notJson}.*not valid JSON`) },
      { args: ['replay', '--config', unknownKey], names: /signals\.ignition\.minChangePctt/ },
      { args: ['replay', '--config', wrongType], names: /risk\.atrPeriod/ },
      { args: ['replay', '--config', array], names: new RegExp(`${array}.*object`) },
      { args: ['replay', '--config', dir], names: new RegExp(dir) },
      { args: ['scan', '--config', badWatch, '--no-table', ...out('watch')], names: /scan\.watchlist/ },
      // A quote asset is what tokens are priced against, never a token to scan (scan.quoteMints).
      { args: ['scan', '--no-table', '--mint', 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v', ...out('quote-mint')], names: /--mint EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v is a quote asset/ },
      { args: ['scan', '--no-table', '--set', `scan.watchlist=${CBRL},So11111111111111111111111111111111111111112`, ...out('quote-watch')], names: /scan\.watchlist: So1{40}2 is a quote asset/ },
      { args: ['scan', '--print-config', '--set', `scan.watchlist=${CBRL},${TOO_SHORT}`], names: /scan\.watchlist/ },
      { args: ['replay', '--print-config'], env: { PUMP_SCANNER_CONFIG: missing }, names: new RegExp(missing) },
      { args: ['replay', '--print-config'], env: { PUMP_SCANNER_SIGNALS__IGNITON__MIN_CHANGE_PCT: '3' }, names: /PUMP_SCANNER_SIGNALS__IGNITON__MIN_CHANGE_PCT/ },
      ...['--log', '--input', '--report', '--db', '--config'].map((f) => ({ args: ['replay', '--no-progress', f, ''], names: new RegExp(`${f} expects a value`) })),
      { args: ['scan', '--no-table', '--log', '', '--db', join(dir, 'out', 'empty-log.db')], names: /--log expects a value/ },
            { args: ['help', 'frobnicate'], names: /./ },
    ];
    const results = await mapLimit(cases, 2, (c) => runCli({ args: c.args, env: c.env, timeoutMs: 10_000 }));
    const failures: string[] = [];
    results.forEach((r, i) => {
      const c = cases[i];
      const lines = linesOf(r.err);
      const help = c.args[0] === 'help';
      // `help <unknown>` prints the general help on stdout and exits 2; every other case stays off stdout.
      const ok = r.code === 2 && (help ? r.out.includes('Commands:') : lines.length === 1 && c.names.test(lines[0]) && r.out === '');
      if (!ok) failures.push(`${c.args.join(' ')}: exit ${r.code}${r.signal ? ` (${r.signal})` : ''}, stderr ${JSON.stringify(r.err.slice(0, 300))}`);
    });
    assert.deepEqual(failures, []);
    assert.equal(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')).length : 0, 0, 'a refused run wrote a file');
  });
});
