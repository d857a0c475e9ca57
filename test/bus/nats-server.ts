// Starts Debian's nats-server (2.9 line) with JetStream on a free loopback port and a temp store dir.
// Without the binary the bus tests skip with one line saying how to enable them; under CI=true a missing
// server is an error (CI installs it in .ci/run).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const found = spawnSync('nats-server', ['--version'], { encoding: 'utf8' });
export const NATS_SERVER_VERSION: string | null = found.status === 0 ? found.stdout.trim() : null;

export const NATS_MISSING_REASON = 'bus test skipped: nats-server not found (enable: apt-get install -y nats-server)';

if (NATS_SERVER_VERSION === null && process.env.CI === 'true') {
  throw new Error('CI=true but nats-server is not installed: the bus tests cannot run (.ci/run installs it)');
}

/** node:test options for a test that needs the server. */
export function needsNats(): { skip?: string } {
  return NATS_SERVER_VERSION === null ? { skip: NATS_MISSING_REASON } : {};
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tcpConnect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

export interface NatsServer {
  url: string;
  stop(): Promise<void>;
}

export async function startNatsServer(): Promise<NatsServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pump-nats-'));
  const port = await freePort();
  const proc: ChildProcess = spawn('nats-server', ['-js', '-sd', dir, '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  let exited = false;
  proc.once('exit', () => (exited = true));
  // Polls until the port accepts (the server is ready within a few hundred ms; a loaded machine may take longer).
  for (let i = 0; i < 600 && !(await accepting(port)); i++) {
    if (exited) throw new Error(`nats-server exited before listening on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: async () => {
      if (!exited) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
