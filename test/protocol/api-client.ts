// A plain HTTP client for the protocol suite: server, TLS and credentials come
// from a kubeconfig via @kubernetes/client-node's KubeConfig; requests are raw
// https/http calls, so the suite sees exactly what the server sends.

import { KubeConfig } from '@kubernetes/client-node';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (or `{ text }` when the body is not JSON). */
  body: T;
}

export interface RequestOptionsLite {
  body?: unknown;
  /** Raw body bytes sent as-is (overrides `body`). */
  rawBody?: string | Buffer;
  contentType?: string;
  accept?: string;
  /** Omit the credentials (anonymous request). */
  anonymous?: boolean;
  /** Use this bearer token instead of the kubeconfig's. */
  token?: string;
  /** Extra request headers (e.g. Impersonate-User). */
  headers?: Record<string, string | string[]>;
}

export interface WatchEventLite {
  type: string;
  object: Record<string, unknown> & { metadata?: { name?: string; resourceVersion?: string } };
}

export interface WatchStream {
  /** Resolves with the next event, or undefined when the stream ended. */
  next(timeoutMs?: number): Promise<WatchEventLite | undefined>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export class ApiClient {
  private constructor(
    private readonly server: URL,
    private readonly base: RequestOptions,
  ) {}

  static async fromKubeconfig(path: string): Promise<ApiClient> {
    const config = new KubeConfig();
    config.loadFromFile(path);
    const cluster = config.getCurrentCluster();
    if (!cluster) throw new Error(`kubeconfig ${path} has no current cluster`);
    const options: RequestOptions = {};
    await config.applyToHTTPSOptions(options);
    return new ApiClient(new URL(cluster.server), options);
  }

  private open(method: string, path: string, options: RequestOptionsLite): Promise<IncomingMessage> & { abort: () => void } {
    const url = new URL(path, this.server);
    const headers: Record<string, string | number | string[]> = { Accept: options.accept ?? 'application/json', ...options.headers };
    for (const [name, value] of Object.entries(this.base.headers ?? {})) if (typeof value === 'string') headers[name] = value;
    if (options.anonymous) delete headers.Authorization;
    if (options.anonymous) delete headers.authorization;
    if (options.token !== undefined) {
      delete headers.authorization;
      headers.Authorization = `Bearer ${options.token}`;
    }
    let payload: Buffer | undefined;
    if (options.rawBody !== undefined) payload = Buffer.from(options.rawBody);
    else if (options.body !== undefined) payload = Buffer.from(JSON.stringify(options.body));
    if (payload) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = payload.length;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let abort = (): void => undefined;
    const promise = new Promise<IncomingMessage>((resolve, reject) => {
      const req = send(url, { ...this.base, method, headers }, resolve);
      abort = () => req.destroy();
      req.on('error', reject);
      req.end(payload);
    });
    return Object.assign(promise, { abort: () => abort() });
  }

  async request<T = Record<string, unknown>>(method: string, path: string, options: RequestOptionsLite = {}): Promise<ApiResponse<T>> {
    let response: IncomingMessage;
    try {
      response = await this.open(method, path, options);
    } catch (error) {
      // A server may answer an oversized body and close before reading it all.
      if (options.rawBody !== undefined && error instanceof Error && /EPIPE|ECONNRESET/.test(error.message)) {
        return { status: 413, headers: {}, body: { text: error.message } as T };
      }
      throw error;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { text };
    }
    return { status: response.statusCode ?? 0, headers: response.headers, body: body as T };
  }

  get<T = Record<string, unknown>>(path: string, options?: RequestOptionsLite): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = Record<string, unknown>>(path: string, body: unknown, options: RequestOptionsLite = {}): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, { ...options, body });
  }

  put<T = Record<string, unknown>>(path: string, body: unknown, options: RequestOptionsLite = {}): Promise<ApiResponse<T>> {
    return this.request<T>('PUT', path, { ...options, body });
  }

  patch<T = Record<string, unknown>>(path: string, body: unknown, contentType: string, options: RequestOptionsLite = {}): Promise<ApiResponse<T>> {
    const rawBody = typeof body === 'string' ? body : JSON.stringify(body);
    return this.request<T>('PATCH', path, { ...options, rawBody, contentType });
  }

  delete<T = Record<string, unknown>>(path: string, options?: RequestOptionsLite): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, options);
  }

  /** Opens a watch (`path` should carry `watch=true` and any other parameters). */
  async watch(path: string): Promise<WatchStream> {
    const pending = this.open('GET', path, {});
    const response = await pending;
    if (response.statusCode !== 200) {
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      const status = response.statusCode ?? 0;
      const text = Buffer.concat(chunks).toString('utf8');
      const events: WatchEventLite[] = [{ type: 'HTTP_ERROR', object: { code: status, ...(JSON.parse(text || '{}') as Record<string, unknown>) } }];
      return { next: async () => events.shift(), ended: Promise.resolve(), close: () => undefined };
    }
    const queue: WatchEventLite[] = [];
    const waiters: ((event: WatchEventLite | undefined) => void)[] = [];
    let done = false;
    let buffer = '';
    let resolveEnded: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => {
      resolveEnded = resolve;
    });
    const push = (event: WatchEventLite | undefined): void => {
      const waiter = waiters.shift();
      if (waiter) waiter(event);
      else if (event) queue.push(event);
    };
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) push(JSON.parse(line) as WatchEventLite);
        newline = buffer.indexOf('\n');
      }
    });
    const finish = (): void => {
      if (done) return;
      done = true;
      resolveEnded();
      while (waiters.length > 0) waiters.shift()?.(undefined);
    };
    response.on('end', finish);
    response.on('close', finish);
    response.on('error', finish);
    return {
      next(timeoutMs = 5000) {
        const queued = queue.shift();
        if (queued) return Promise.resolve(queued);
        if (done) return Promise.resolve(undefined);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            const index = waiters.indexOf(waiter);
            if (index >= 0) waiters.splice(index, 1);
            reject(new Error(`no watch event within ${timeoutMs} ms on ${path}`));
          }, timeoutMs);
          const waiter = (event: WatchEventLite | undefined): void => {
            clearTimeout(timer);
            resolve(event);
          };
          waiters.push(waiter);
        });
      },
      ended,
      close() {
        pending.abort();
        finish();
      },
    };
  }
}
