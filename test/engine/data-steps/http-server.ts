// A real HTTP server on 127.0.0.1 for the http and http-download tests: each
// test registers how to answer a path, and can read what was received.

import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface TestServer {
  url: string;
  received: ReceivedRequest[];
  on(path: string, answer: (req: ReceivedRequest, res: ServerResponse) => void): void;
  close(): Promise<void>;
}

/** Plain HTTP, or HTTPS when given a serving certificate and key. */
export async function startTestServer(tls?: { certPem: string; keyPem: string }): Promise<TestServer> {
  const routes = new Map<string, (req: ReceivedRequest, res: ServerResponse) => void>();
  const received: ReceivedRequest[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() };
      received.push(request);
      const answer = routes.get(new URL(request.url, 'http://x').pathname);
      if (answer) return answer(request, res);
      res.writeHead(404).end('no route');
    });
  };
  const server = tls ? createTlsServer({ cert: tls.certPem, key: tls.keyPem }, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    received,
    on: (path, answer) => routes.set(path, answer),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (a server started and stopped). */
export async function closedPortUrl(): Promise<string> {
  const server = await startTestServer();
  await server.close();
  return server.url;
}
