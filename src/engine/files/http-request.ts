// One HTTP(S) request for the http and http-download steps, on node:http so
// that TLS verification can be switched off per request. Query parameters are
// merged into the URL's own and encoded as Go's url.Values does (sorted by key,
// spaces as `+`). The timeout covers the whole exchange, as Go's client does.

import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface NameValue {
  name: string;
  value: string;
}

export interface HttpRequestSpec {
  method: string;
  url: string;
  headers?: readonly NameValue[];
  queryParams?: readonly NameValue[];
  body?: string;
  insecureSkipTLSVerify?: boolean;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface OpenResponse {
  response: IncomingMessage;
  /** Aborts when the timeout passes or the step is aborted; body reads honour it. */
  signal: AbortSignal;
}

export function withQueryParams(url: string, params: readonly NameValue[] = []): URL {
  const target = new URL(url);
  if (params.length === 0) return target;
  const pairs = [...target.searchParams.entries(), ...params.map((param) => [param.name, param.value] as const)];
  const sorted = pairs
    .map((pair, index) => ({ pair, index }))
    .sort((a, b) => (a.pair[0] < b.pair[0] ? -1 : a.pair[0] > b.pair[0] ? 1 : a.index - b.index));
  target.search = new URLSearchParams(sorted.map(({ pair }): [string, string] => [pair[0], pair[1]])).toString();
  return target;
}

export function openRequest(spec: HttpRequestSpec): Promise<OpenResponse> {
  const target = withQueryParams(spec.url, spec.queryParams);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(new Error(`unsupported protocol scheme ${JSON.stringify(target.protocol.replace(/:$/, ''))}`));
  }
  const signal = AbortSignal.any([spec.signal, AbortSignal.timeout(spec.timeoutMs)]);
  const headers: Record<string, string[]> = {};
  for (const header of spec.headers ?? []) (headers[header.name] ??= []).push(header.value);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(target, {
      method: spec.method,
      headers,
      signal,
      ...(target.protocol === 'https:' ? { rejectUnauthorized: !spec.insecureSkipTLSVerify } : {}),
    });
    req.on('response', (response) => resolve({ response, signal }));
    req.on('error', (error) => reject(describeRequestError(spec, signal, error)));
    req.end(spec.body ?? undefined);
  });
}

/** The whole body, refusing more than `maxBytes` (Kargo's response and download limits). */
export async function readBody(open: OpenResponse, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of open.response) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      open.response.destroy();
      throw new Error(`response body exceeds limit of ${maxBytes} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function describeRequestError(spec: HttpRequestSpec, signal: AbortSignal, error: Error): Error {
  const verb = spec.method.charAt(0) + spec.method.slice(1).toLowerCase();
  const reason =
    signal.aborted && !spec.signal.aborted
      ? `timeout after ${spec.timeoutMs}ms (Client.Timeout exceeded while awaiting headers)`
      : error.message;
  return new Error(`${verb} ${JSON.stringify(spec.url)}: ${reason}`);
}
