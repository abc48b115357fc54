// One HTTP(S) request for the http and http-download steps, on node:http so
// that TLS verification can be switched off per request. Query parameters are
// merged into the URL's own and encoded as Go's url.Values does (sorted by key,
// spaces as `+`). The timeout covers the whole exchange, as Go's client does.

import { request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Duplex } from 'node:stream';

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
  /** An http(s):// proxy: plain requests go through it, https ones tunnel with CONNECT. */
  proxy?: string;
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
  const sorted = pairs.map((pair, index) => ({ pair, index })).sort((a, b) => (a.pair[0] < b.pair[0] ? -1 : a.pair[0] > b.pair[0] ? 1 : a.index - b.index));
  target.search = new URLSearchParams(sorted.map(({ pair }): [string, string] => [pair[0], pair[1]])).toString();
  return target;
}

export async function openRequest(spec: HttpRequestSpec): Promise<OpenResponse> {
  const target = withQueryParams(spec.url, spec.queryParams);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new Error(`unsupported protocol scheme ${JSON.stringify(target.protocol.replace(/:$/, ''))}`);
  }
  const signal = AbortSignal.any([spec.signal, AbortSignal.timeout(spec.timeoutMs)]);
  const headers: Record<string, string[]> = {};
  for (const header of spec.headers ?? []) (headers[header.name] ??= []).push(header.value);
  const secure = target.protocol === 'https:';
  const options: RequestOptions & { rejectUnauthorized?: boolean } = { method: spec.method, headers, signal };
  if (secure) options.rejectUnauthorized = !spec.insecureSkipTLSVerify;
  try {
    if (spec.proxy && secure) {
      const tunnel = await openTunnel(new URL(spec.proxy), target, signal);
      options.createConnection = () =>
        tlsConnect({
          socket: tunnel,
          ...(isIP(target.hostname) ? {} : { servername: target.hostname }),
          rejectUnauthorized: !spec.insecureSkipTLSVerify,
        });
    }
    const response = await send(spec.proxy && !secure ? viaProxy(new URL(spec.proxy), target, options) : { url: target, options }, spec.body);
    return { response, signal };
  } catch (error) {
    throw describeRequestError(spec, signal, error as Error);
  }
}

interface Outgoing {
  url: URL;
  options: RequestOptions;
}

function send(outgoing: Outgoing, body: string | undefined): Promise<IncomingMessage> {
  const request = outgoing.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(outgoing.url, outgoing.options);
    req.on('response', resolve);
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/** A plain-HTTP request through a proxy: the absolute URL as the request target. */
function viaProxy(proxy: URL, target: URL, options: RequestOptions): Outgoing {
  return { url: proxy, options: { ...options, path: target.href, headers: { ...(options.headers as object), Host: target.host } } };
}

function openTunnel(proxy: URL, target: URL, signal: AbortSignal): Promise<Duplex> {
  const request = proxy.protocol === 'https:' ? httpsRequest : httpRequest;
  const authority = `${target.hostname}:${target.port || 443}`;
  return new Promise((resolve, reject) => {
    const req = request(proxy, { method: 'CONNECT', path: authority, headers: { Host: authority }, signal });
    req.on('connect', (response, socket) => {
      if (response.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(new Error(`proxyconnect tcp: proxy answered CONNECT with ${response.statusCode ?? 0}`));
    });
    req.on('error', reject);
    req.end();
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
  const reason = signal.aborted && !spec.signal.aborted ? `timeout after ${spec.timeoutMs}ms (Client.Timeout exceeded while awaiting headers)` : error.message;
  return new Error(`${verb} ${JSON.stringify(spec.url)}: ${reason}`);
}
