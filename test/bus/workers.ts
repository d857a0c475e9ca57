// Real worker processes for the NATS tests: `node dist/src/cli.js worker ...`, killed by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');

export interface WorkerProc {
  proc: ChildProcess;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
  stderr: () => string;
}

export function startWorker(url: string, partition: number, partitions: number, extra: string[] = []): WorkerProc {
  const proc = spawn(process.execPath, [CLI, 'worker', '--bus', url, '--partition', String(partition), '--partitions', String(partitions), ...extra], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | string>((r) => proc.once('exit', (code, sig) => r(code ?? sig ?? -1)));
  return { proc, exited, stderr: () => err };
}

export async function stopWorker(w: WorkerProc, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | string> {
  if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill(signal);
  return w.exited;
}
