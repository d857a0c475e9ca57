import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

export interface CliRun {
  args: string[];
  /** Environment over a bare PATH (the caller's environment is not inherited, so no stray setting leaks in). */
  env?: Record<string, string>;
  /** Killed with SIGKILL after this long, ms (default 20000): a case that should fail fast must not hang the suite. */
  timeoutMs?: number;
  cwd?: string;
  /** Sends SIGINT after this long, ms (Ctrl-C of a live scan); default never. */
  stopAfterMs?: number;
  /**
   * Sends SIGINT once this returns true (checked every 100 ms), e.g. when the log shows the scan at work:
   * unlike a fixed delay it cannot interrupt a start that a loaded machine made slow.
   */
  stopWhen?: () => boolean;
}

/** Runs the real CLI in a child process and collects its exit code, stdout and stderr. */
export function runCli(r: CliRun): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...r.args], { env: { PATH: process.env.PATH ?? '', ...r.env }, cwd: r.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
    const timer = setTimeout(() => child.kill('SIGKILL'), r.timeoutMs ?? 20_000);
    const stop = r.stopAfterMs === undefined ? null : setTimeout(() => child.kill('SIGINT'), r.stopAfterMs);
    const watch = r.stopWhen === undefined ? null : setInterval(() => {
      if (!r.stopWhen!()) return;
      clearInterval(watch!);
      child.kill('SIGINT');
    }, 100);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (stop) clearTimeout(stop);
      if (watch) clearInterval(watch);
      resolve({ code, signal, out, err });
    });
  });
}

/** Maps `items` through `fn` with at most `limit` running at once, keeping the order of the results. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The non-empty lines of a stream's text. */
export const linesOf = (s: string): string[] => s.split('\n').filter((l) => l.trim() !== '');
