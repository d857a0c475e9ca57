import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Drives the real table in a pseudo-terminal: tmux runs a small program that replays recorded events
// into startTable; we read the screen with capture-pane and type keys with send-keys.
const TMUX = ['/usr/bin/tmux', 'tmux'].find((t) => spawnSync(t, ['-V']).status === 0);
const APP = resolve(process.cwd(), 'dist/test/outputs/table/smoke-app.js');
const DEADLINE_MS = 8_000;

// The program runs in a terminal as a user's would: without the CI markers (CI, CONTINUOUS_INTEGRATION,
// CI_*) that make Ink skip live rendering. CI sets CI=true for the test process itself.
const TERMINAL_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'CONTINUOUS_INTEGRATION' && !k.startsWith('CI_')));

function tmux(socket: string, ...args: string[]): string {
  const r = spawnSync(TMUX!, ['-L', socket, ...args], { encoding: 'utf8', env: TERMINAL_ENV });
  if (r.status !== 0) throw new Error(`tmux ${args[0]} failed: ${r.stderr}`);
  return r.stdout;
}

async function until<T>(what: string, probe: () => T | null): Promise<T> {
  const end = Date.now() + DEADLINE_MS;
  for (;;) {
    const got = probe();
    if (got !== null) return got;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function session(env: string, body: (s: { screen: (escapes?: boolean) => string; keys: (...k: string[]) => void; exitStatus: () => Promise<string>; socket: string }) => Promise<void>, program = APP): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'table-smoke-'));
  const socket = `pump-table-smoke-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const statusFile = join(dir, 'status');
  tmux(socket, 'new-session', '-d', '-x', '160', '-y', '40', '-s', 'smoke',
    `cd ${process.cwd()} && env ${env} TERM=xterm-256color ${process.execPath} ${program}; echo $? > ${statusFile}; sleep 30`);
  try {
    await body({
      socket,
      screen: (escapes = false) => tmux(socket, 'capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'smoke'),
      keys: (...k) => void tmux(socket, 'send-keys', '-t', 'smoke', ...k),
      exitStatus: () => until('the program to exit', () => (existsSync(statusFile) ? readFileSync(statusFile, 'utf8').trim() : null)),
    });
  } finally {
    spawnSync(TMUX!, ['-L', socket, 'kill-server']);
    rmSync(dir, { recursive: true, force: true });
  }
}

test('in a real terminal the table appears, Enter opens the detail pane, Esc closes it and q exits 0', { skip: TMUX ? false : 'tmux is not installed' }, async () => {
  assert.ok(existsSync(APP), 'build first: npx tsc -p .');
  await session('FORCE_COLOR=1', async (s) => {
    const table = await until('the table with every event in', () => {
      const sc = s.screen();
      return sc.includes('SYMBOL') && sc.includes('stream ended') ? sc : null;
    });
    assert.match(table, /> CBRL +5LKH…pump +\S+/);
    assert.match(table, /EVILNAMEL…/);
    assert.doesNotMatch(table, /pwned|evil\.example/);
    assert.notEqual(tmux(s.socket, 'display-message', '-p', '-t', 'smoke', '#{pane_title}').trim(), 'pwned');
    assert.match(s.screen(true), /\x1b\[(3[1-6]|9[1-6]|38;)/, 'colours are used in a terminal');
    s.keys('Enter');
    const detail = await until('the detail pane', () => (s.screen().includes('Esc or Enter closes') ? s.screen() : null));
    assert.match(detail, /mint 5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump/);
    assert.match(detail, /pass +liquidity +value \$62\.0k +limit \$50\.0k/);
    s.keys('Escape');
    await until('the detail pane to close', () => (!s.screen().includes('Esc or Enter closes') && s.screen().includes('SYMBOL') ? true : null));
    s.keys('q');
    assert.equal(await s.exitStatus(), '0');
  });
});

test('with NO_COLOR set the real terminal gets no colour codes at all', { skip: TMUX ? false : 'tmux is not installed' }, async () => {
  await session('NO_COLOR=1 FORCE_COLOR=1', async (s) => {
    await until('the table', () => (s.screen().includes('stream ended') ? true : null));
    const withEscapes = s.screen(true);
    assert.ok(!/\x1b\[[0-9;]*m/.test(withEscapes.replace(/\x1b\[(0|39|49)?m/g, '')), JSON.stringify(withEscapes.match(/\x1b\[[0-9;]*m/g)?.slice(0, 5)));
    s.keys('q');
    assert.equal(await s.exitStatus(), '0');
  });
});

test('the real program: replay --table of the bundled sample shows the table, opens details, and q exits 0', { skip: TMUX ? false : 'tmux is not installed' }, async () => {
  const cli = `${resolve(process.cwd(), 'dist/src/cli.js')} replay --table --speed 360000 --no-log`;
  await session('NO_COLOR=1', async (s) => {
    const table = await until('the replayed table', () => {
      const sc = s.screen();
      return sc.includes('SYMBOL') && sc.includes('5LKH…pump') ? sc : null;
    });
    assert.match(table, /CONFIRMED|IGNITION|TP1|TP2|TP3|SL|TIMEOUT|FADED/);
    // At the end the header is drawn once (a progress bar on stderr used to shift the frame and leave a copy).
    const end = await until('the end of the replay', () => (s.screen().includes('stream ended') ? s.screen() : null));
    assert.match(end, /market 2025-09-06 \d\d:\d\dZ 100% done/);
    assert.equal(end.split('\n').filter((l) => l.startsWith('pump-scanner')).length, 1, end);
    s.keys('Enter');
    const detail = await until('the detail pane', () => (s.screen().includes('Esc or Enter closes') ? s.screen() : null));
    assert.match(detail, /mint 5LKHMd2rMSRaG9y4iHwSLRtrJ3dCrJ2CytvBeak8pump/);
    assert.match(detail, /pool 7bqJG2ZdMKbEkgSmfuqNVBvqEvWavgL8UEo33ZqdL3NP/);
    s.keys('q');
    assert.equal(await s.exitStatus(), '0');
  }, cli);
});

test('the real program: p pauses the replay: the market clock and the share done hold until p again', { skip: TMUX ? false : 'tmux is not installed' }, async () => {
  // 10 hours of market per second: the sample takes tens of seconds unpaused.
  const cli = `${resolve(process.cwd(), 'dist/src/cli.js')} replay --table --speed 36000 --no-log`;
  await session('NO_COLOR=1', async (s) => {
    await until('the replay to start', () => (/market \d{4}-\d\d-\d\d \d\d:\d\dZ \d+% done/.test(s.screen()) ? true : null));
    s.keys('p');
    const held = await until('the pause', () => /PAUSED +market (\S+ \S+ \d+)% done/.exec(s.screen())?.[1] ?? null);
    // While paused no input is handed to the pipeline: the market clock stays where it is.
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(/PAUSED +market (\S+ \S+ \d+)% done/.exec(s.screen())?.[1], held);
    s.keys('p');
    await until('the replay to move on', () => {
      const now = /market (\S+ \S+ \d+)% done/.exec(s.screen())?.[1];
      return now && now !== held && !s.screen().includes('PAUSED') ? true : null;
    });
    s.keys('q');
    assert.equal(await s.exitStatus(), '0');
  }, cli);
});
