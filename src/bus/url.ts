/** Checks a `--bus` value: `memory` or `nats://host[:port]` (user and password allowed, nothing else). */
export function busUrlProblem(url: string): string | null {
  if (url === 'memory') return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'expected memory or nats://host:port';
  }
  if (u.protocol !== 'nats:' && u.protocol !== 'tls:') return `protocol ${u.protocol} is not nats: (expected memory or nats://host:port)`;
  if (!u.hostname) return 'no host (expected nats://host:port)';
  if ((u.pathname && u.pathname !== '/') || u.search) return 'a NATS URL has no path or query (expected nats://host:port)';
  return null;
}

/** The URL without its user info, for messages. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid url)';
  }
}

/** Checks `bus.name`: it becomes part of stream names and subjects. */
export function busNameProblem(name: string): string | null {
  return /^[A-Za-z0-9_-]{1,32}$/.test(name) ? null : 'only letters, digits, _ and -, at most 32';
}
