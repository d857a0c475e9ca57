import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { childTicks, peakRssKb, runMeasured } from '../../bench/proc-time.js';

// The replay bench measures whole processes with /usr/bin/time, or where Debian's `time` is not installed with
// bench/proc-time.ts: CPU from this process's waited-for children (/proc/self/stat), peak RSS from the child's VmHWM.

describe('bench: a child process measured without /usr/bin/time', () => {
  it('reads the children times from a stat line whose command name holds spaces and parentheses', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime ...
    const stat = '4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 200 0 0 11 12 130 17 20 0 1 0 5 1000 50';
    assert.equal(childTicks(stat), 147);
    assert.equal(childTicks(null), null);
    assert.equal(childTicks('4242 (x) S 1'), null);
  });

  it('reads the high-water mark of a status file, and nothing from a gone process', () => {
    assert.equal(peakRssKb('Name:\tnode\nVmPeak:\t  900 kB\nVmHWM:\t   81234 kB\nVmRSS:\t 70000 kB\n'), 81234);
    assert.equal(peakRssKb('Name:\tnode\nState:\tZ (zombie)\n'), null);
    assert.equal(peakRssKb(null), null);
  });

  it('measures a real child: its output, its CPU and (with /proc) a peak RSS of at least what it held', async () => {
    // 64 MiB written (resident), held for a while so that the 5 ms sampling sees it, some CPU spent.
    const script = 'const b = Buffer.alloc(64 << 20, 1); let x = 0; for (let i = 0; i < 2e7; i++) x += i % 7; setTimeout(() => console.log(JSON.stringify({ rows: b.length > 0 ? 3 : 0, x })), 1500);';
    const u = await runMeasured(process.execPath, ['-e', script]);
    assert.equal((JSON.parse(u.stdout) as { rows: number }).rows, 3);
    assert.ok(u.wallS > 0);
    if (existsSync('/proc/self/stat')) {
      assert.ok(u.cpuS !== null && u.cpuS > 0, `cpu ${u.cpuS}`);
      assert.ok(u.rssMb !== null && u.rssMb >= 64, `peak RSS ${u.rssMb} MB`);
    }
  });

  it('rejects a child that fails, with its stderr', async () => {
    await assert.rejects(runMeasured(process.execPath, ['-e', 'console.error("boom"); process.exit(3)']), /exited 3: boom/);
  });
});
