#!/usr/bin/env node
// Runs every compiled test file under dist/test with Node's built-in test runner.
// Node 20 does not expand globs for --test, so the files are listed here.
// Extra arguments are passed as name filters: `npm test -- candles` runs files whose path contains "candles".
// Tests that need ../shared/data skip without it (test/support/shared-data.ts); a second reporter (TAP, to a
// temporary file) lets this script count those skips and say so in one line at the end. Under CI=true a
// missing ../shared/data is an error: CI always runs the real-data tests.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

/** The skip reason of test/support/shared-data.ts (SHARED_MISSING_REASON), counted below. */
const SHARED_MISSING_REASON = 'real-data test skipped: ../shared/data not found';

function collect(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const hasShared = ['../shared/data', '../../shared/data'].some((p) => existsSync(resolve(p)));
if (!hasShared && process.env.CI === 'true') {
  console.error('CI=true but ../shared/data was not found beside the checkout: real-data tests cannot run');
  process.exit(1);
}

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = collect('dist/test', [])
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files found under dist/test' + (filters.length ? ` matching ${filters.join(', ')}` : ''));
  process.exit(1);
}
const tmp = mkdtempSync(join(tmpdir(), 'pump-tests-'));
const tap = join(tmp, 'report.tap');
const r = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { stdio: 'inherit' },
);
// A skipped test or suite is one TAP line "ok N - title # SKIP reason".
const skipped = existsSync(tap) ? readFileSync(tap, 'utf8').split('\n').filter((l) => /^\s*ok \d+ - .* # SKIP /.test(l) && l.includes(SHARED_MISSING_REASON)).length : 0;
rmSync(tmp, { recursive: true, force: true });
if (skipped > 0) console.log(`${skipped} real-data tests skipped: ../shared/data not found`);
process.exit(r.status ?? 1);
