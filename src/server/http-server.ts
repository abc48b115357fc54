// HTTP transport: health endpoints, authentication, body limits, fault
// injection, the request log, and writing JSON / Status responses.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenAuthenticator } from './authn.js';
import type { FaultInjector } from './faults.js';
import { effectiveUser } from './impersonation.js';
import type { RbacAuthorizer } from './rbac.js';
import { objectsIn, type RequestRecord } from './request-log.js';
import { parseRequestInfo, type RequestInfo } from './request-info.js';
import type { Router } from './router.js';
import { ApiError, tooLarge, unauthorized } from './status.js';
import type { WatchHub } from './watch.js';

const HEALTH_PATHS = new Set(['/healthz', '/livez', '/readyz']);

export interface TransportOptions {
  router: Router;
  authenticator: TokenAuthenticator;
  authorizer: RbacAuthorizer;
  faults: FaultInjector;
  watches: WatchHub;
  requests: RequestRecord[];
  /** Oldest records are dropped beyond this many. */
  requestLogLimit: number;
  onRequest?: (record: RequestRecord) => void;
  maxBodyBytes: number;
}

function sendJson(response: ServerResponse, status: number, body: unknown, warnings: string[] = []): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' };
  if (warnings.length > 0) headers.Warning = warnings.map((warning) => `299 - ${JSON.stringify(warning)}`);
  response.writeHead(status, headers);
  response.end(text);
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > limit) {
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function createRequestListener(options: TransportOptions): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    void handle(options, request, response);
  };
}

async function handle(options: TransportOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = (request.method ?? 'GET').toUpperCase();
  const record: RequestRecord = {
    method,
    path: url.pathname,
    query: url.search.replace(/^\?/, ''),
    status: 0,
    user: '',
    verb: '',
    group: '',
    resource: '',
    namespace: '',
    name: '',
    subresource: '',
    objects: 0,
  };
  let logged = false;
  const finish = (status: number): void => {
    if (logged) return;
    logged = true;
    record.status = status;
    options.requests.push(record);
    if (options.requests.length > options.requestLogLimit) options.requests.splice(0, options.requests.length - options.requestLogLimit);
    options.onRequest?.(record);
  };

  if (HEALTH_PATHS.has(url.pathname)) {
    finish(200);
    response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('ok');
    return;
  }

  let info: RequestInfo | undefined;
  try {
    const caller = options.authenticator.authenticate(request.headers.authorization);
    if (!caller) throw unauthorized();
    record.user = caller.name;
    const user = effectiveUser(caller, request.headers, options.authorizer);
    record.user = user.name;
    info = parseRequestInfo(method, url.pathname, url.searchParams);
    record.verb = info.verb;
    if (info.kind === 'resource') {
      record.group = info.group;
      record.resource = info.resource;
      record.namespace = info.namespace ?? '';
      record.name = info.name ?? '';
      record.subresource = info.subresource ?? '';
    }
    for (const fault of options.faults.take({ ...record, path: url.pathname })) {
      if (fault.latencyMs) await delay(fault.latencyMs);
      if (fault.reset) {
        finish(0);
        request.socket.destroy();
        return;
      }
      if (fault.status) {
        const details = fault.retryAfterSeconds !== undefined ? { retryAfterSeconds: fault.retryAfterSeconds } : undefined;
        if (details) response.setHeader('Retry-After', String(fault.retryAfterSeconds));
        throw new ApiError(fault.status, fault.reason ?? 'InternalError', fault.message ?? `injected fault: HTTP ${fault.status}`, details);
      }
    }
    const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(request, options.maxBodyBytes);
    const result = options.router.route({
      info,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
      user,
      serverAddress: request.headers.host ?? '',
    });
    // The log has the record before the client can see the answer, so tests may count at once.
    if ('watch' in result) {
      finish(200);
      options.watches.open(response, result.watch);
      return;
    }
    if (!('raw' in result)) record.objects = objectsIn(result.body);
    finish(result.status);
    if ('raw' in result) {
      response.writeHead(result.status, { 'Content-Type': result.contentType, 'Cache-Control': 'no-cache, private' });
      response.end(result.raw);
      return;
    }
    sendJson(response, result.status, result.body, result.warnings);
  } catch (error) {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`);
    finish(apiError.code);
    if (!response.headersSent && apiError.plainText) {
      response.writeHead(apiError.code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      response.end(`${apiError.message}\n`);
    } else if (!response.headersSent) {
      if (apiError.code === 413) response.setHeader('Connection', 'close');
      sendJson(response, apiError.code, apiError.toStatus());
    } else {
      response.destroy();
    }
  }
}
