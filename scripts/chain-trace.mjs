#!/usr/bin/env node
// Reads a trace of the latency-chain bench (LATENCY_CHAIN_TRACE=<dir>: <dir>/<rate>-<recording>-<order>.json) and
// prints where its slow trades (sent -> done over 5 ms) come from: the run's first 0.5 s, a GC pause, a tick, or
// none of these; the p99 per half second; scavenges early and late; the process CPU per 5,000 trades.
//   node scripts/chain-trace.mjs <trace.json>...
import { readFileSync } from 'node:fs';

const SLOW_MS = 5;
const q = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
};
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');

for (const file of process.argv.slice(2)) {
  const t = JSON.parse(readFileSync(file, 'utf8'));
  const t0 = t.sent[0];
  const gcs = [];
  for (let k = 0; k < t.gc.length; k += 3) gcs.push({ at: t.gc[k], ms: t.gc[k + 1], kind: t.gc[k + 2] });
  const ticks = [];
  for (let k = 0; k < t.ticks.length; k += 2) ticks.push({ at: t.ticks[k], ms: t.ticks[k + 1] });
  const all = [], first = [], later = [], halves = new Map();
  const cause = { start: [0, 0], gc: [0, 0], tick: [0, 0], other: [0, 0] };
  const seen = new Uint8Array(t.tokens);
  for (let i = 0; i < t.sent.length; i++) {
    if (!t.done[i]) continue;
    const ms = t.done[i] - t.sent[i];
    const isFirst = !seen[t.mintOf[i]];
    seen[t.mintOf[i]] = 1;
    all.push(ms);
    (isFirst ? first : later).push(ms);
    const half = Math.floor((t.sent[i] - t0) / 500) / 2;
    if (!halves.has(half)) halves.set(half, []);
    halves.get(half).push(ms);
    if (ms <= SLOW_MS) continue;
    const a = t.sent[i], b = t.done[i];
    const c = a - t0 < 500 ? 'start'
      : gcs.some((g) => g.at < b && g.at + g.ms > a - 5 && g.ms > 1) ? 'gc'
        : ticks.some((g) => g.at < b && g.at + 60 > a) ? 'tick' : 'other';
    cause[c][0]++;
    if (isFirst) cause[c][1]++;
  }
  const slow = all.filter((x) => x > SLOW_MS).length;
  console.log(`\n${file}: ${t.rate}/s, recording ${t.recording}, order ${t.order}`);
  console.log(`p50 ${f(q(all, 0.5), 3)} ms, p99 all ${f(q(all, 0.99))} / first trades ${f(q(first, 0.99))} / later ${f(q(later, 0.99))} ms; slow (> ${SLOW_MS} ms) ${slow} of ${all.length} (the p99 allows ${Math.floor(all.length / 100)})`);
  console.log(`slow by cause, all (first trades): first 0.5 s of the run ${cause.start[0]} (${cause.start[1]}), GC pause > 1 ms within 5 ms before or during ${cause.gc[0]} (${cause.gc[1]}), within 60 ms of a tick ${cause.tick[0]} (${cause.tick[1]}), other ${cause.other[0]} (${cause.other[1]})`);
  console.log(`p99 / slow per half second: ${[...halves].map(([h, xs]) => `${h}s ${f(q(xs, 0.99))}/${xs.filter((x) => x > SLOW_MS).length}`).join(', ')}`);
  const sc = gcs.filter((g) => g.kind === 1 && g.at >= t0);
  const mean = (xs) => (xs.length ? xs.reduce((s, g) => s + g.ms, 0) / xs.length : NaN);
  const early = sc.filter((g) => g.at - t0 < 2000), late = sc.filter((g) => g.at - t0 >= 2000);
  console.log(`scavenges: first 2 s ${early.length} (mean ${f(mean(early))} ms), after ${late.length} (mean ${f(mean(late))} ms); mark-compacts ${gcs.filter((g) => g.kind !== 1 && g.at >= t0).length}`);
  if (t.cpuSteps) console.log(`process CPU per trade, us, per 5,000 trades: ${t.cpuSteps.slice(1).map((c, i) => f((c - t.cpuSteps[i]) / 5000, 0)).join(' ')}`);
}
