// A small HTTP proxy in front of the embedded server for faults the server
// cannot inject on itself: being down (connections refused) and coming back on
// the same port, and answers with Retry-After from something in between.
// Clients talk plain HTTP to it; it talks HTTPS to the server.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface ProxyRule {
  /** Only requests whose bearer token is this one (so concurrent cases never meet each other's faults). */
  token: string;
  method?: string;
  path?: RegExp;
  status: number;
  retryAfterSeconds?: number;
  times?: number;
}

interface ActiveRule {
  rule: ProxyRule;
  hits: number;
}

export class FaultProxy {
  private server: Server;
  private readonly sockets = new Set<Socket>();
  private rules: ActiveRule[] = [];
  port = 0;

  constructor(
    private readonly upstream: string,
    private readonly caCertPem: string | undefined,
  ) {
    this.server = this.createServer();
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Answers requests with `rule.status` while it applies; returns a way to read how often it did. */
  add(rule: ProxyRule): { readonly hits: number } {
    const active: ActiveRule = { rule, hits: 0 };
    this.rules.push(active);
    return {
      get hits() {
        return active.hits;
      },
    };
  }

  /** Stops listening and cuts every connection: clients get "connection refused". */
  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server = this.createServer();
  }

  /** Listens again on the same port. */
  async up(): Promise<void> {
    await this.start(this.port);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private createServer(): Server {
    const server = createServer((request, response) => this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    return server;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const active = this.rules.find(
      ({ rule, hits }) =>
        rule.token === token &&
        (rule.times === undefined || hits < rule.times) &&
        (!rule.method || rule.method === request.method) &&
        (!rule.path || rule.path.test(request.url ?? '')),
    );
    if (active) {
      active.hits += 1;
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (active.rule.retryAfterSeconds !== undefined) headers['Retry-After'] = String(active.rule.retryAfterSeconds);
      response.writeHead(active.rule.status, headers);
      response.end(
        JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: active.rule.status, message: `the proxy answered ${active.rule.status}` }),
      );
      request.resume();
      return;
    }
    const upstream = httpsRequest(
      new URL(request.url ?? '/', this.upstream),
      { method: request.method, headers: request.headers, ...(this.caCertPem ? { ca: this.caCertPem } : {}) },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    response.on('close', () => upstream.destroy());
    request.pipe(upstream);
  }
}
