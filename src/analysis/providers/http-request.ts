// One HTTP exchange for the web and prometheus providers, over node:http(s):
// a limit on the whole exchange, TLS verification off only when asked,
// redirects followed as Go's http.Client does (at most 10; 301/302/303 turn
// into GET without a body). Transport errors are worded like Go's url.Error.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpExchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  insecure: boolean;
}

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

const MAX_REDIRECTS = 10;

export async function exchange(request: HttpExchange): Promise<HttpReply> {
  const deadline = Date.now() + request.timeoutMs;
  let current = request;
  for (let redirects = 0; ; redirects++) {
    const reply = await once(current, deadline);
    const location = reply.headers.location;
    if (![301, 302, 303, 307, 308].includes(reply.status) || !location) return reply;
    if (redirects >= MAX_REDIRECTS) throw new Error(`${goOp(current.method)} ${JSON.stringify(location)}: stopped after 10 redirects`);
    const keepsMethod = reply.status === 307 || reply.status === 308;
    const next = new URL(location, current.url);
    current = {
      ...current,
      url: next.toString(),
      headers: sameDomain(next, new URL(request.url)) ? current.headers : withoutCredentials(current.headers),
      method: keepsMethod ? current.method : current.method === 'HEAD' ? 'HEAD' : 'GET',
      body: keepsMethod ? current.body : undefined,
    };
  }
}

/** Go's shouldCopyHeaderOnRedirect: the original host or one of its subdomains. */
function sameDomain(destination: URL, initial: URL): boolean {
  return destination.hostname === initial.hostname || destination.hostname.endsWith(`.${initial.hostname}`);
}

/** Go's client drops these when a redirect leaves the original domain. */
function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const sensitive = new Set(['authorization', 'www-authenticate', 'cookie', 'cookie2']);
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !sensitive.has(name.toLowerCase())));
}

function once(request: HttpExchange, deadline: number): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      reject(new Error(`${goOp(request.method)} ${JSON.stringify(request.url)}: unsupported protocol scheme ${JSON.stringify(url.protocol.replace(':', ''))}`));
      return;
    }
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(request.body));
    const fail = (reason: string): void => reject(new Error(`${goOp(request.method)} ${JSON.stringify(request.url)}: ${reason}`));
    const timer = setTimeout(
      () => {
        req.destroy();
        fail('context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
      },
      Math.max(deadline - Date.now(), 0),
    );
    const req = send(url, { method: request.method, headers, rejectUnauthorized: !request.insecure }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => {
        clearTimeout(timer);
        fail(error.message);
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      fail(transportReason(error, url));
    });
    req.end(request.body);
  });
}

function transportReason(error: NodeJS.ErrnoException, url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (error.code === 'ECONNREFUSED') return `dial tcp ${url.hostname}:${port}: connect: connection refused`;
  if (error.code === 'ENOTFOUND') return `dial tcp: lookup ${url.hostname}: no such host`;
  if (error.code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || error.code === 'SELF_SIGNED_CERT_IN_CHAIN' || error.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE') {
    return `tls: failed to verify certificate: x509: certificate signed by unknown authority`;
  }
  return error.message;
}

/** Go's url.Error Op: the method with only its first letter upper-case ("Get", "Post"). */
function goOp(method: string): string {
  return method.charAt(0).toUpperCase() + method.slice(1).toLowerCase();
}
