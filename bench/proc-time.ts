import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

// A whole child process's wall time, CPU time and peak RSS where `/usr/bin/time` is not installed (Debian's
// `time` package is not there by default): CPU from this process's waited-for children's times in
// /proc/self/stat, peak RSS from the child's VmHWM (its high-water mark, which only grows) read until it exits.

/** What one child cost: seconds, and MB; null where this system does not tell (no /proc). */
export interface ChildUsage { stdout: string; wallS: number; cpuS: number | null; rssMb: number | null }

/** Clock ticks per second of /proc's times (`getconf CLK_TCK`; 100 on every common Linux). */
function clockTicks(): number {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

/** User + system ticks of this process's children that have been waited for, or null without /proc. */
export function childTicks(stat = readStat()): number | null {
  if (stat === null) return null;
  // Fields after the command name (in parentheses, which may hold spaces): state is field 3, cutime 16, cstime 17.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(rest[16 - 3]);
  const cstime = Number(rest[17 - 3]);
  return Number.isFinite(cutime) && Number.isFinite(cstime) ? cutime + cstime : null;
}

function readStat(): string | null {
  try {
    return readFileSync('/proc/self/stat', 'utf8');
  } catch {
    return null;
  }
}

/** The peak RSS so far of process `pid` in kB (VmHWM), or null once it is gone or without /proc. */
export function peakRssKb(status: string | null): number | null {
  const m = status === null ? null : /^VmHWM:\s+(\d+) kB/m.exec(status);
  return m ? Number(m[1]) : null;
}

function statusOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
}

let ticks: number | null = null;

/** Runs `cmd args` to its end (a non-zero exit rejects, with its stderr) and measures it. */
export function runMeasured(cmd: string, args: string[]): Promise<ChildUsage> {
  ticks ??= clockTicks();
  const perSecond = ticks;
  const before = childTicks();
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let hwmKb: number | null = null;
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const look = () => {
      const kb = child.pid === undefined ? null : peakRssKb(statusOf(child.pid));
      if (kb !== null) hwmKb = Math.max(hwmKb ?? 0, kb);
    };
    const poll = setInterval(look, 5);
    child.on('error', (e) => {
      clearInterval(poll);
      reject(e);
    });
    child.on('close', (code) => {
      clearInterval(poll);
      const wallS = (performance.now() - t0) / 1000;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.trim()}`));
      const after = childTicks();
      const cpuS = before === null || after === null ? null : (after - before) / perSecond;
      resolve({ stdout, wallS, cpuS, rssMb: hwmKb === null ? null : hwmKb / 1024 });
    });
  });
}
