/** A one-line progress bar on stderr for long replays (only when stderr is a terminal). Wall time is fine here: it is UI. */
export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): { update(n: number): void; done(): void } {
  if (!stream.isTTY || total <= 0) return { update() {}, done() {} };
  let last = 0;
  const started = performance.now();
  const draw = (n: number) => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 40));
    const frac = Math.min(1, n / total);
    const filled = Math.round(frac * width);
    const rate = n / Math.max(0.001, (performance.now() - started) / 1000);
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${n}/${total} ${Math.round(rate)}/s `);
  };
  return {
    update(n) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      draw(n);
    },
    done() {
      draw(total);
      stream.write('\n');
    },
  };
}
