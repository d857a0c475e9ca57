import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replayNodeFlags } from '../../bench/replay.js';
import { scriptNodeFlags } from '../../bench/node-flags.js';

// `npm run replay` starts node with V8 flags (package.json); the bench reads them from there to measure the
// replay as users start it. The flags may change speed only: the log must be the one a plain `node` writes.

const ROOT = process.cwd();
const CLI = join(ROOT, 'dist', 'src', 'cli.js');

function packageWith(dir: string, script: string, name = 'replay'): string {
  const file = join(dir, `package-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ scripts: { [name]: script } }));
  return file;
}

describe('node flags of npm run replay', () => {
  it('reads the flags between node and the CLI, and refuses a script of another shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pump-flags-'));
    try {
      assert.deepEqual(replayNodeFlags(packageWith(dir, 'exec node dist/src/cli.js replay')), []);
      assert.deepEqual(replayNodeFlags(packageWith(dir, 'exec node --a --b=3 dist/src/cli.js replay')), ['--a', '--b=3']);
      assert.throws(() => replayNodeFlags(packageWith(dir, 'exec node dist/src/other.js replay')), /scripts\.replay/);
      assert.throws(() => replayNodeFlags(packageWith(dir, 'exec tsx src/cli.ts replay')), /scripts\.replay/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the project's own flags start node and give the same log, byte for byte, as a plain node", () => {
    const flags = replayNodeFlags(join(ROOT, 'package.json'));
    const dir = mkdtempSync(join(tmpdir(), 'pump-flags-'));
    try {
      const logs = [flags, []].map((f, i) => {
        const log = join(dir, `out-${i}.jsonl`);
        const r = spawnSync(process.execPath, [...f, CLI, 'replay', '--no-progress', '--log', log], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
        assert.equal(r.status, 0, `node ${f.join(' ')}: ${r.stderr}`);
        return readFileSync(log);
      });
      assert.ok(logs[0].length > 0, 'the sample replay writes signal lines');
      assert.ok(logs[0].equals(logs[1]), 'same log with and without the flags');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// `npm start` starts the scan with V8 heap flags (a smaller young generation: shorter scavenges while thousands of
// tapped tokens arrive); the latency-chain bench re-runs itself with them.
describe('node flags of npm start', () => {
  it('reads the flags of scripts.start for the scan, and refuses a start script of another shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pump-flags-'));
    try {
      assert.deepEqual(scriptNodeFlags(packageWith(dir, 'exec node --x=8 dist/src/cli.js scan', 'start'), 'start', 'scan'), ['--x=8']);
      assert.throws(() => scriptNodeFlags(packageWith(dir, 'exec node dist/src/cli.js replay', 'start'), 'start', 'scan'), /scripts\.start/);
      assert.throws(() => scriptNodeFlags(packageWith(dir, 'exec node dist/src/cli.js scan', 'replay'), 'start', 'scan'), /scripts\.start/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("node accepts the project's start flags, on the command line and in NODE_OPTIONS (for the installed bin)", () => {
    const flags = scriptNodeFlags(join(ROOT, 'package.json'), 'start', 'scan');
    const env = { PATH: process.env.PATH ?? '' };
    const direct = spawnSync(process.execPath, [...flags, CLI, '--help'], { env, encoding: 'utf8' });
    assert.equal(direct.status, 0, `node ${flags.join(' ')}: ${direct.stderr}`);
    const viaEnv = spawnSync(process.execPath, [CLI, '--help'], { env: { ...env, NODE_OPTIONS: flags.join(' ') }, encoding: 'utf8' });
    assert.equal(viaEnv.status, 0, `NODE_OPTIONS=${flags.join(' ')}: ${viaEnv.stderr}`);
    assert.equal(viaEnv.stdout, direct.stdout);
  });
});
