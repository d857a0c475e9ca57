import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Binds a fake's server to 127.0.0.1 on a free port and returns its base URL (`http://127.0.0.1:<port><path>`). */
export async function listenOnLoopback(server: Server, keepAliveMs: number, path = ''): Promise<string> {
  server.keepAliveTimeout = keepAliveMs;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
}
