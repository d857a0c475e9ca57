#!/usr/bin/env node
// Regenerates the golden replay log after an intended change (review the diff before committing).
import { execFileSync } from 'node:child_process';
execFileSync(process.execPath, ['dist/src/cli.js', 'replay', '--input', 'samples/cbrl-1m.csv', '--log', 'test/fixtures/golden/cbrl-1m.jsonl', '--no-progress'], { stdio: 'inherit', env: { PATH: process.env.PATH } });
