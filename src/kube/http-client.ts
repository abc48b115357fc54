// KubeClient over plain HTTP(S), the way kubectl's dynamic client works: one code
// path for every resource, URLs built from the resource table. The kubeconfig
// (kubeconfig.ts) supplies the server, TLS settings and credentials;
// node's http/https carry the requests so watches can stream.
// This module is only ever loaded through a dynamic import (see src/main.ts).

import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { OutputStream } from '../runtime/io.js';
import type { ClusterSelection } from './cluster-selection.js';
import type { KubeObject } from '../model/kargo.js';
import type {
  AccessReviewResult,
  ClusterIdentity,
  KubeClient,
  ListOptions,
  ListResult,
  PatchType,
  PodLogOptions,
  ResourceAttributes,
  UserInfo,
  WatchEvent,
  WatchOptions,
  WriteOptions,
} from './client.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import { KubeApiError, KubeConnectionError, type Status } from './errors.js';
import { loadKubeConfig, type LoadedKubeConfig } from './kubeconfig.js';
import type { Environment } from './kubeconfig-files.js';
import { applyCredentials } from './credentials.js';
import { MAX_TIMER_MS } from './request-timeout.js';
import { DEFAULT_RETRY_POLICY, withRetries, type RequestKind, type RetryPolicy } from './request-policy.js';
import { apiVersionOf, type ResourceType } from './resources.js';
import { parseWatchLines } from './watch-stream.js';

export interface KubeClientOptions {
  env: Environment;
  /** Where `-v` request lines and server warnings go. */
  stderr: OutputStream;
  /** Per-request time limit for everything but watches (kubectl's --request-timeout); 0 means none. */
  requestTimeoutMs?: number;
  userAgent?: string;
  /** The command's signal: aborts requests in flight and waits between retries. */
  signal?: AbortSignal;
  clock?: Clock;
  random?: () => number;
  retryPolicy?: Partial<RetryPolicy>;
  /** Longest an exec credential plugin may run (default: the per-request limit; 0 means none). */
  execTimeoutMs?: number;
}

const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_TIMEOUT_MS = 30_000;

export async function createKubeClient(selection: ClusterSelection, options: KubeClientOptions): Promise<KubeClient> {
  const loaded = await loadKubeConfig(selection, options.env);
  const requestTimeoutMs = selection.requestTimeoutMs ?? options.requestTimeoutMs;
  return new HttpKubeClient(loaded, selection, { ...options, ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}) });
}

interface RequestSpec {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Decides what the request policy may retry (default: GET is a read, anything else a write). */
  kind?: RequestKind;
}

class HttpKubeClient implements KubeClient {
  readonly identity: ClusterIdentity;
  private readonly baseUrl: string;

  constructor(
    private readonly loaded: LoadedKubeConfig,
    private readonly selection: ClusterSelection,
    private readonly options: KubeClientOptions,
  ) {
    this.baseUrl = loaded.server;
    this.identity = { contextName: loaded.contextName, server: this.baseUrl, ...(loaded.namespace ? { namespace: loaded.namespace } : {}) };
  }

  async get<T extends KubeObject>(type: ResourceType, name: string, namespace?: string): Promise<T> {
    return this.json<T>({ method: 'GET', path: objectPath(type, namespace, name) });
  }

  async list<T extends KubeObject>(type: ResourceType, namespace?: string, options: ListOptions = {}): Promise<ListResult<T>> {
    const items: T[] = [];
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const page = await this.json<{ items?: T[]; metadata?: { continue?: string; resourceVersion?: string } }>({
        method: 'GET',
        path: objectPath(type, namespace),
        query: {
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
          limit: options.limit ?? DEFAULT_PAGE_SIZE,
          continue: continueToken,
        },
      });
      // Items in a list omit apiVersion/kind; restore them so each prints as itself.
      for (const item of page.items ?? []) items.push({ apiVersion: apiVersionOf(type), kind: type.kind, ...item });
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    } while (continueToken);
    return { items, resourceVersion };
  }

  async create<T extends KubeObject>(type: ResourceType, object: T, namespace?: string, options: WriteOptions = {}): Promise<T> {
    return this.json<T>({ method: 'POST', path: objectPath(type, namespace), query: writeQuery(options), body: object });
  }

  async update<T extends KubeObject>(type: ResourceType, object: T, namespace?: string, options: WriteOptions & { subresource?: 'status' } = {}): Promise<T> {
    const name = object.metadata.name ?? '';
    return this.json<T>({
      method: 'PUT',
      path: objectPath(type, namespace, name, options.subresource),
      query: writeQuery(options),
      body: object,
      // Guarded by resourceVersion, a repeated update cannot apply twice (it meets a 409 Conflict).
      kind: object.metadata.resourceVersion ? 'idempotent-write' : 'write',
    });
  }

  async patch<T extends KubeObject>(
    type: ResourceType,
    name: string,
    patch: unknown,
    namespace?: string,
    options: WriteOptions & { subresource?: 'status'; patchType?: PatchType } = {},
  ): Promise<T> {
    return this.json<T>({
      method: 'PATCH',
      path: objectPath(type, namespace, name, options.subresource),
      query: writeQuery(options),
      body: patch,
      contentType: options.patchType === 'json' ? 'application/json-patch+json' : 'application/merge-patch+json',
      kind: isIdempotentPatch(patch, options.patchType ?? 'merge') ? 'idempotent-write' : 'write',
    });
  }

  async delete(type: ResourceType, name: string, namespace?: string): Promise<void> {
    await this.json<unknown>({ method: 'DELETE', path: objectPath(type, namespace, name) });
  }

  async *watch<T extends KubeObject>(type: ResourceType, namespace: string | undefined, options: WatchOptions = {}): AsyncIterable<WatchEvent<T>> {
    const spec: RequestSpec = {
      method: 'GET',
      path: objectPath(type, namespace),
      query: {
        watch: true,
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
        resourceVersion: options.resourceVersion,
        allowWatchBookmarks: options.allowWatchBookmarks,
        timeoutSeconds: options.timeoutSeconds,
      },
      timeoutMs: 0,
      signal: options.signal,
    };
    const response = await this.openStream(spec);
    if (!response) return;
    try {
      for await (const event of parseWatchLines(response)) {
        if (event.type === 'ERROR') {
          const status = event.object as Status;
          throw new KubeApiError(status.code ?? 500, status, spec.method, this.urlOf(spec));
        }
        yield event as WatchEvent<T>;
      }
    } catch (error) {
      if (options.signal?.aborted) return;
      if (error instanceof KubeApiError) throw error;
      throw this.connectionError(error);
    } finally {
      response.destroy();
    }
  }

  /** A streamed response that answered 2xx; undefined when the caller's signal stopped it first. */
  private async openStream(spec: RequestSpec): Promise<IncomingMessage | undefined> {
    let response: IncomingMessage;
    try {
      response = await this.send(spec);
    } catch (error) {
      if (spec.signal?.aborted) return undefined;
      throw error;
    }
    if ((response.statusCode ?? 0) >= 300) throw await this.apiError(spec, response);
    return response;
  }

  async *podLog(namespace: string, pod: string, options: PodLogOptions = {}): AsyncIterable<string> {
    const spec: RequestSpec = {
      method: 'GET',
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`,
      query: { container: options.container, follow: options.follow || undefined },
      // A followed log may stay quiet for longer than any per-request limit.
      ...(options.follow ? { timeoutMs: 0 } : {}),
      signal: options.signal,
    };
    const response = await this.openStream(spec);
    if (!response) return;
    try {
      response.setEncoding('utf8');
      for await (const chunk of response) yield chunk as string;
    } catch (error) {
      if (options.signal?.aborted) return;
      throw this.connectionError(error);
    } finally {
      response.destroy();
    }
  }

  async canI(attributes: ResourceAttributes): Promise<AccessReviewResult> {
    const review = await this.json<{ status?: AccessReviewResult }>({
      method: 'POST',
      kind: 'read',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: attributes },
      },
    });
    return { allowed: review.status?.allowed ?? false, denied: review.status?.denied, reason: review.status?.reason };
  }

  async whoAmI(): Promise<UserInfo> {
    const review = await this.json<{ status?: { userInfo?: { username?: string; groups?: string[] } } }>({
      method: 'POST',
      kind: 'read',
      path: '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
    });
    return { username: review.status?.userInfo?.username ?? '', groups: review.status?.userInfo?.groups ?? [] };
  }

  async serverVersion(): Promise<string> {
    const version = await this.json<{ gitVersion?: string }>({ method: 'GET', path: '/version' });
    return version.gitVersion ?? 'unknown';
  }

  async isServed(group: string, version: string): Promise<boolean> {
    try {
      await this.json<unknown>({ method: 'GET', path: group ? `/apis/${group}/${version}` : `/api/${version}` });
      return true;
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return false;
      throw error;
    }
  }

  // ------------------------------------------------------------ transport

  /** One request under the request policy (src/kube/request-policy.ts). */
  private json<T>(spec: RequestSpec): Promise<T> {
    return withRetries(() => this.jsonOnce<T>(spec), {
      kind: spec.kind ?? (spec.method === 'GET' ? 'read' : 'write'),
      policy: { ...DEFAULT_RETRY_POLICY, ...this.options.retryPolicy },
      clock: this.options.clock ?? systemClock,
      random: this.options.random ?? Math.random,
      ...(this.options.signal ? { signal: this.options.signal } : {}),
      where: this.where(),
    });
  }

  private async jsonOnce<T>(spec: RequestSpec): Promise<T> {
    const response = await this.send(spec);
    const body = await readBody(response).catch((error: unknown) => {
      throw this.connectionError(error);
    });
    if ((response.statusCode ?? 0) >= 300) throw toApiError(spec.method, this.urlOf(spec), response, body);
    try {
      return (body.length > 0 ? JSON.parse(body) : {}) as T;
    } catch {
      throw this.connectionError(new Error(`the answer to ${spec.method} ${spec.path} was not JSON (a proxy in the way?): ${body.trim().slice(0, 80)}`));
    }
  }

  private async apiError(spec: RequestSpec, response: IncomingMessage): Promise<KubeApiError> {
    const body = await readBody(response).catch(() => '');
    return toApiError(spec.method, this.urlOf(spec), response, body);
  }

  private where(): string {
    return `the Kubernetes API server at ${this.baseUrl} (context "${this.identity.contextName}")`;
  }

  private urlOf(spec: RequestSpec): string {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined && value !== '') query.set(key, String(value));
    }
    const search = query.size > 0 ? `?${query.toString()}` : '';
    return `${this.baseUrl}${spec.path}${search}`;
  }

  /** Sends the request and resolves once the response headers arrive. */
  private async send(spec: RequestSpec): Promise<IncomingMessage> {
    const url = this.urlOf(spec);
    const requestOptions: https.RequestOptions = { method: spec.method, headers: {} };
    await applyCredentials(this.loaded, requestOptions, {
      contextName: this.identity.contextName,
      execTimeoutMs: this.options.execTimeoutMs ?? this.options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      now: () => (this.options.clock ?? systemClock).now(),
    });
    const headers: Record<string, string | string[] | number> = {
      ...(requestOptions.headers as Record<string, string>),
      Accept: 'application/json',
      'User-Agent': this.options.userAgent ?? 'kargo-cli',
    };
    const payload = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    if (payload !== undefined) {
      headers['Content-Type'] = spec.contentType ?? 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const transport = url.startsWith('https:') ? https : http;
    const timeoutMs = Math.min(spec.timeoutMs ?? this.options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, MAX_TIMER_MS);
    const started = Date.now();
    const signals = [spec.signal, this.options.signal].filter((signal): signal is AbortSignal => signal !== undefined);
    const aborted = signals.find((signal) => signal.aborted);
    if (aborted) throw aborted.reason;

    return new Promise<IncomingMessage>((resolve, reject) => {
      const request = transport.request(url, { ...requestOptions, headers }, (response) => {
        this.logRequest(spec.method, url, String(response.statusCode ?? '?'), Date.now() - started);
        this.printWarnings(response);
        resolve(response);
      });
      // Listeners on long-lived signals are removed when the request is done, so
      // reconnecting watches never pile them up (MaxListenersExceededWarning).
      const onAbort = (): void => {
        request.destroy(new DOMException('This operation was aborted', 'AbortError'));
      };
      for (const signal of signals) signal.addEventListener('abort', onAbort, { once: true });
      request.once('close', () => {
        for (const signal of signals) signal.removeEventListener('abort', onAbort);
      });
      if (timeoutMs > 0) {
        request.setTimeout(timeoutMs, () => {
          request.destroy(
            new KubeConnectionError(
              `the Kubernetes API server at ${this.baseUrl} (context "${this.identity.contextName}") did not answer within ${timeoutMs < 1000 ? `${timeoutMs}ms` : `${Math.round(timeoutMs / 1000)}s`}`,
              this.baseUrl,
              this.identity.contextName,
              'timeout',
            ),
          );
        });
      }
      request.on('error', (error) => {
        this.logRequest(spec.method, url, 'error', Date.now() - started);
        reject(error instanceof KubeConnectionError ? error : this.connectionError(error));
      });
      request.end(payload);
    });
  }

  private connectionError(error: unknown): KubeConnectionError {
    if (error instanceof KubeConnectionError) return error;
    const where = this.where();
    if (isTlsError(error)) {
      return new KubeConnectionError(`TLS handshake with ${where} failed: ${messageOf(error)}`, this.baseUrl, this.identity.contextName, 'tls', {
        cause: error,
      });
    }
    return new KubeConnectionError(`cannot reach ${where}: ${messageOf(error)}`, this.baseUrl, this.identity.contextName, 'unreachable', {
      cause: error,
    });
  }

  private logRequest(method: string, url: string, status: string, ms: number): void {
    if (this.selection.verbose) this.options.stderr.write(`${method} ${url} ${status} in ${ms}ms\n`);
  }

  private printWarnings(response: IncomingMessage): void {
    const header = response.headers.warning;
    if (!header) return;
    for (const warning of Array.isArray(header) ? header : [header]) {
      // RFC 7234 form used by kube-apiserver: `299 - "text"`.
      const text = /^\d{3} \S+ "(.*)"/.exec(warning)?.[1]?.replace(/\\"/g, '"') ?? warning;
      this.options.stderr.write(`Warning: ${text}\n`);
    }
  }
}

function objectPath(type: ResourceType, namespace: string | undefined, name?: string, subresource?: string): string {
  const root = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const scope = type.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const object = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  const sub = subresource ? `/${subresource}` : '';
  return `${root}${scope}/${type.plural}${object}${sub}`;
}

function writeQuery(options: WriteOptions): Record<string, string | undefined> {
  return { dryRun: options.dryRun ? 'All' : undefined, fieldValidation: options.fieldValidation };
}

function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('the response was cut off')));
  });
}

const REASON_BY_CODE: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function retryAfterOf(response: IncomingMessage, status: Status): number | undefined {
  const header = response.headers['retry-after'];
  const seconds = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : status.details?.retryAfterSeconds;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/** Merge patches (RFC 7386) are idempotent by definition; a JSON patch only when it tests resourceVersion first. */
function isIdempotentPatch(patch: unknown, type: PatchType): boolean {
  if (type === 'merge') return true;
  return (
    Array.isArray(patch) &&
    patch.some((operation: unknown) => {
      const { op, path } = (operation ?? {}) as { op?: unknown; path?: unknown };
      return op === 'test' && path === '/metadata/resourceVersion';
    })
  );
}

function toApiError(method: string, url: string, response: IncomingMessage, body: string): KubeApiError {
  const code = response.statusCode ?? 0;
  let status: Status | undefined;
  try {
    const parsed = JSON.parse(body) as Status;
    if (parsed && parsed.kind === 'Status') status = parsed;
  } catch {
    // Not JSON (a proxy or load balancer answered); keep the text.
  }
  status ??= {
    kind: 'Status',
    status: 'Failure',
    code,
    reason: REASON_BY_CODE[code] ?? '',
    message: body.trim().slice(0, 200) || http.STATUS_CODES[code] || `HTTP ${code}`,
  };
  return new KubeApiError(status.code ?? code, status, method, url, retryAfterOf(response, status));
}

const TLS_ERROR_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

function isTlsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return TLS_ERROR_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
