import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, envNameFor, loadConfig, schema } from '../../src/config/index.js';
import { flatten } from '../../src/config/load.js';
import { linesOf, mapLimit, runCli } from './cli-run.js';
import { nested, rawOf, wrongJson, wrongRaw } from './bad-values.js';

// Every key of the schema, with values derived from its spec, through every layer that can set it.
// The exhaustive sweep (about 1500 loads) runs on loadConfig in-process: it is the code every command
// calls, and one child process per case would take minutes. The real CLI then runs one key of each kind
// of check (type, range, list length, allowed values, URL, address, secret) through --set and through
// its generic variable, plus every well-known variable: about 50 processes at 0.1 s, two at a time. Every
// key through the CLI measured 10-16 s on two cores for no path the in-process sweep does not cover
// (the message is the loader's; the CLI only prints it and exits 2).

const KEYS = Object.entries(schema);
/** Plain string keys (paths): any string is a string, so only a config file can give them a wrong type. */
const FREE_STRINGS = new Set(['log.path', 'store.path', 'confidence.calibrationPath']);
const defaults = flatten(loadConfig({ env: {} }) as never);

const refuses = (fn: () => unknown, key: string, named: string): void => {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ConfigError, `${named}: ${String(e)}`);
    assert.equal(e.key, key);
    assert.ok(e.message.includes(named), `${named} not named in: ${e.message}`);
    assert.ok(!e.message.includes('\n'), `one line: ${e.message}`);
    return true;
  }, `${named} accepted a wrong value`);
};

describe('every config key refuses a wrong value (in-process sweep)', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'pump-sweep-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('derives at least one wrong flag/env value for every key but the free-form paths', () => {
    const without = KEYS.filter(([, s]) => wrongRaw(s).length === 0).map(([k]) => k);
    assert.deepEqual(without.sort(), [...FREE_STRINGS].sort());
  });

  it('accepts each key set to its own default by flag and by environment (the sweep can pass)', () => {
    for (const [key] of KEYS) {
      const raw = rawOf(defaults[key]);
      assert.doesNotThrow(() => loadConfig({ env: {}, sets: [[key, raw, `--set ${key}`]] }), key);
      assert.doesNotThrow(() => loadConfig({ env: { [envNameFor(key)]: raw } }), envNameFor(key));
    }
  });

  it('refuses every derived wrong value through --set, the generic variable and the well-known one', () => {
    let cases = 0;
    for (const [key, spec] of KEYS) {
      for (const raw of wrongRaw(spec)) {
        refuses(() => loadConfig({ env: {}, sets: [[key, raw, `--set ${key}`]] }), key, key);
        refuses(() => loadConfig({ env: { [envNameFor(key)]: raw } }), key, envNameFor(key));
        if (spec.env) refuses(() => loadConfig({ env: { [spec.env!]: raw } }), key, spec.env);
        cases += spec.env ? 3 : 2;
      }
    }
    assert.ok(cases > 500, `only ${cases} cases`);
  });

  it('refuses a value of the wrong type for every key in a config file, naming key and file', () => {
    for (const [key, spec] of KEYS) {
      const file = join(dir, `${key}.json`);
      writeFileSync(file, JSON.stringify(nested(key, wrongJson(spec))));
      refuses(() => loadConfig({ env: {}, file }), key, key);
      assert.throws(() => loadConfig({ env: {}, file }), (e: Error) => e.message.includes(file));
    }
  });
});

describe('every config key refuses a wrong value (the real CLI)', () => {
  let dir = '';
  before(() => (dir = mkdtempSync(join(tmpdir(), 'pump-sweep-cli-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 with one stderr line naming the key or the variable, for each kind of check and every well-known variable', async () => {
    type Case = { what: string; args: string[]; env: Record<string, string>; names: string };
    const cases: Case[] = [];
    const kindOf = (s: (typeof KEYS)[number][1]) =>
      [s.type, s.url, s.secret, s.address, s.values !== undefined, s.min !== undefined, s.max !== undefined, s.minItems !== undefined].join('|');
    const seen = new Set<string>();
    for (const [key, spec] of KEYS) {
      const raw = wrongRaw(spec)[0];
      if (!seen.has(kindOf(spec))) {
        seen.add(kindOf(spec));
        if (raw === undefined) {
          const file = join(dir, `${key}.json`);
          writeFileSync(file, JSON.stringify(nested(key, wrongJson(spec))));
          cases.push({ what: `--config with ${key}`, args: ['--config', file], env: {}, names: key });
        } else {
          cases.push({ what: `--set ${key}`, args: ['--set', `${key}=${raw}`], env: {}, names: key });
          cases.push({ what: envNameFor(key), args: [], env: { [envNameFor(key)]: raw }, names: envNameFor(key) });
        }
      }
      if (spec.env && raw !== undefined) cases.push({ what: spec.env, args: [], env: { [spec.env]: raw }, names: spec.env });
    }
    const results = await mapLimit(cases, 2, (c) => runCli({ args: ['replay', '--print-config', ...c.args], env: c.env }));
    const failures: string[] = [];
    results.forEach((r, i) => {
      const c = cases[i];
      const lines = linesOf(r.err);
      if (r.code !== 2 || lines.length !== 1 || !lines[0].includes(c.names) || r.out !== '') failures.push(`${c.what}: exit ${r.code}, stderr ${JSON.stringify(r.err)}, stdout ${r.out.length} chars`);
    });
    assert.deepEqual(failures, []);
    assert.ok(seen.size >= 10, `only ${seen.size} kinds of check`);
  });
});
