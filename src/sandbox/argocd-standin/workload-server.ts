// One Stage's application, as the stand-in runs it: an HTTP server on
// 127.0.0.1 that reports the version its manifests name and whether that
// version works, and a Prometheus-style error rate. A broken version (its
// image labelled so in the sandbox registry) fails its health check and
// answers one request in four with a 500.
//
//   GET /                 {"app", "version", "healthy"}
//   GET /healthz          200 {"status":"ok","version"} | 200 {"status":"failing","version"}
//                         (a JSON verdict for the web metric; /readyz answers 200/503 for curl -f)
//   GET /metrics          http_requests_total{code=…} in the exposition format
//   GET /api/v1/query     the Prometheus query API: any query → the error ratio as a one-sample vector

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WorkloadState {
  app: string;
  version: string;
  broken: boolean;
}

export interface Workload {
  port: number;
  url: string;
  set(state: WorkloadState): void;
  close(): Promise<void>;
}

const HEALTHY_ERROR_RATIO = 0.002;
const BROKEN_ERROR_RATIO = 0.25;
/** Requests the counters claim per second, so /metrics grows like a real service's. */
const REQUESTS_PER_SECOND = 20;

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}

export const errorRatio = (state: WorkloadState): number => (state.broken ? BROKEN_ERROR_RATIO : HEALTHY_ERROR_RATIO);

function respond(state: WorkloadState | undefined, startedAt: number, request: IncomingMessage, response: ServerResponse): void {
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  if (!state) {
    json(response, 503, { status: 'not deployed', message: 'the Argo CD stand-in has not synced this Application yet' });
    return;
  }
  const healthy = !state.broken;
  switch (path) {
    case '/':
      json(response, 200, { app: state.app, version: state.version, healthy });
      return;
    case '/healthz':
      json(response, 200, { status: healthy ? 'ok' : 'failing', version: state.version });
      return;
    case '/readyz':
      json(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'failing', version: state.version });
      return;
    case '/metrics': {
      const total = Math.round(((Date.now() - startedAt) / 1000) * REQUESTS_PER_SECOND) + 1;
      const errors = Math.round(total * errorRatio(state));
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.end(
        [
          '# TYPE http_requests_total counter',
          `http_requests_total{app="${state.app}",version="${state.version}",code="200"} ${total - errors}`,
          `http_requests_total{app="${state.app}",version="${state.version}",code="500"} ${errors}`,
          '',
        ].join('\n'),
      );
      return;
    }
    case '/api/v1/query':
      json(response, 200, {
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: { app: state.app, version: state.version }, value: [Date.now() / 1000, String(errorRatio(state))] }] },
      });
      return;
    default:
      json(response, 404, { status: 'not found' });
      return;
  }
}

/** Listens on 127.0.0.1:`port` (0: any free port). */
export async function startWorkload(port: number): Promise<Workload> {
  let state: WorkloadState | undefined;
  let startedAt = Date.now();
  const server: Server = createServer((request, response) => respond(state, startedAt, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    set(next) {
      if (state?.version !== next.version) startedAt = Date.now();
      state = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
