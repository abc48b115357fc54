// A small server speaking the Prometheus HTTP query API on 127.0.0.1:
// /api/v1/query and /api/v1/query_range, form-encoded POST or GET, answering
// each query from a table (vector, scalar, matrix, string, or an API error).

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export type PromAnswer =
  | { vector: { labels?: Record<string, string>; value: string }[] }
  | { scalar: string }
  | { matrix: { labels?: Record<string, string>; values: string[] }[] }
  | { string: string }
  | { error: { status: number; errorType: string; error: string } }
  | { status: number; body: string };

export interface PromRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
}

export interface PromServer {
  url: string;
  requests: PromRequest[];
  answer(query: string, answer: PromAnswer): void;
  /** Answer POST with this code (405 or 501 makes the client retry with GET). */
  refusePost(status: number | undefined): void;
  close(): Promise<void>;
}

export async function startPrometheus(): Promise<PromServer> {
  const answers = new Map<string, PromAnswer>();
  const requests: PromRequest[] = [];
  let postStatus: number | undefined;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const form = req.method === 'POST' ? new URLSearchParams(Buffer.concat(chunks).toString()) : url.searchParams;
      const params = Object.fromEntries(form.entries());
      requests.push({ method: req.method ?? '', path: url.pathname, params, headers: req.headers });
      if (req.method === 'POST' && postStatus) return void res.writeHead(postStatus).end();
      if (url.pathname !== '/prom/api/v1/query' && url.pathname !== '/prom/api/v1/query_range') return void res.writeHead(404).end('404 page not found');
      const answer = answers.get(params['query'] ?? '');
      if (!answer) return void res.writeHead(400).end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'unknown query' }));
      const { status, body } = render(answer, Number(params['time'] ?? params['end'] ?? 0));
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/prom`,
    requests,
    answer: (query, answer) => answers.set(query, answer),
    refusePost: (status) => {
      postStatus = status;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function render(answer: PromAnswer, time: number): { status: number; body: string } {
  const success = (resultType: string, result: unknown): { status: number; body: string } => ({
    status: 200,
    body: JSON.stringify({ status: 'success', data: { resultType, result } }),
  });
  if ('vector' in answer)
    return success(
      'vector',
      answer.vector.map((sample) => ({ metric: sample.labels ?? {}, value: [time, sample.value] })),
    );
  if ('scalar' in answer) return success('scalar', [time, answer.scalar]);
  if ('matrix' in answer)
    return success(
      'matrix',
      answer.matrix.map((series) => ({ metric: series.labels ?? {}, values: series.values.map((value, index) => [time - 60 * index, value]) })),
    );
  if ('string' in answer) return success('string', [time, answer.string]);
  if ('error' in answer)
    return { status: answer.error.status, body: JSON.stringify({ status: 'error', errorType: answer.error.errorType, error: answer.error.error }) };
  return { status: answer.status, body: answer.body };
}
