import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../hardening/cli-run.js';

// Flags a new user gets wrong: each is one line on stderr and exit 2, and nothing is created or written.

describe('commands refuse what they would silently get wrong', () => {
  const dir = mkdtempSync(join(tmpdir(), 'user-errors-'));

  it('replay --table --log - refuses: the table and the JSONL would share stdout', async () => {
    for (const extra of [[], ['--no-table']]) {
      const r = await runCli({ args: ['replay', '--table', ...extra, '--log', '-', '--no-progress'] });
      assert.equal(r.code, 2, r.err);
      assert.equal(r.out, '', 'nothing reached stdout');
      assert.equal(r.err.trim().split('\n').length, 1);
    }
  });

  it('replay --speed without --table refuses instead of being ignored', async () => {
    const log = join(dir, 'speed.jsonl');
    const r = await runCli({ args: ['replay', '--speed', '60', '--log', log, '--no-progress'] });
    assert.equal(r.code, 2, r.err);
    assert.ok(r.err.includes('--speed') && r.err.includes('--table'), r.err);
    assert.equal(existsSync(log), false);
  });

  it('sessions and replay --session on a missing store refuse without creating it', async () => {
    const db = join(dir, 'typo.db');
    for (const args of [['sessions', '--db', db], ['replay', '--session', 'x', '--db', db, '--no-log']]) {
      const r = await runCli({ args });
      assert.equal(r.code, 2, `${args[0]}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1);
      assert.ok(r.err.includes(db), r.err);
      assert.equal(existsSync(db), false, `${args[0]} created ${db}`);
    }
  });

  it('scan --clock-speed above 1 refuses hosts other than loopback (it multiplies the request rates)', async () => {
    const r = await runCli({ args: ['scan', '--no-table', '--clock-start', '2025-08-23T06:00:00Z', '--clock-speed', '60', '--db', join(dir, 's.db'), '--log', join(dir, 's.jsonl')] });
    assert.equal(r.code, 2, r.err);
    assert.ok(r.err.includes('api.dexscreener.com'), r.err);
    assert.equal(existsSync(join(dir, 's.db')), false);
  });

  it('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});
