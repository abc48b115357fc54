// A forwarding proxy on 127.0.0.1 for the http step's `proxy` option: plain
// requests in absolute form are forwarded, CONNECT opens a TCP tunnel. It
// records what passed through it.

import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';

export interface TestProxy {
  url: string;
  seen: string[];
  close(): Promise<void>;
}

export async function startTestProxy(): Promise<TestProxy> {
  const seen: string[] = [];
  const tunnels = new Set<{ destroy(): void }>();
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const upstream = request(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'X-Via': 'test-proxy' });
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req, client) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    tunnels.add(client);
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const socket of tunnels) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
