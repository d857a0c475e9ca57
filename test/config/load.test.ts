import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, envNameFor, loadConfig, printableConfig, schema } from '../../src/config/index.js';
import { flatten } from '../../src/config/load.js';

describe('config', () => {
  it('has a schema entry with a description for every default and a default for every schema key', () => {
    const defaults = Object.keys(flatten(JSON.parse(readFileSync(join(process.cwd(), 'config', 'default.json'), 'utf8')))).sort();
    assert.deepEqual(defaults, Object.keys(schema).sort());
    for (const [k, s] of Object.entries(schema)) assert.ok(s.description.length > 10, k);
  });

  it('layers env over defaults and flags over env', () => {
    const cfg = loadConfig({ env: { [envNameFor('signals.ignition.minChangePct')]: '3' }, sets: [['risk.targetsR', '1,2,4', '--set']] });
    assert.equal(cfg.signals.ignition.minChangePct, 3);
    assert.deepEqual(cfg.risk.targetsR, [1, 2, 4]);
  });

  it('names the key and the expected value on a bad setting', () => {
    assert.throws(() => loadConfig({ env: {}, sets: [['risk.atrPeriod', 'abc', '--set']] }), (e: unknown) => e instanceof ConfigError && e.key === 'risk.atrPeriod' && /whole number/.test(e.message));
    assert.throws(() => loadConfig({ env: {}, sets: [['risk.stopMode', 'moon', '--set']] }), /one of atr, candle_low/);
    assert.throws(() => loadConfig({ env: {}, sets: [['nope.key', '1', '--set']] }), /unknown config key nope\.key/);
    assert.throws(() => loadConfig({ env: { PUMP_SCANNER_TYPO: '1' } }), /PUMP_SCANNER_TYPO/);
  });

  it('masks secrets and credentials in printed config', () => {
    const cfg = loadConfig({ env: { BIRDEYE_API_KEY: 'sekret-key-123', SOLANA_RPC_URL: 'https://rpc.example/?api-key=abcdef123' } });
    const text = printableConfig(cfg);
    assert.ok(!text.includes('sekret-key-123'));
    assert.ok(!text.includes('abcdef123'));
    assert.ok(text.includes('rpc.example'));
  });
});
