// A minimal OCI Distribution (v2) read API over the image store, on
// 127.0.0.1 only and always behind credentials: `/v2/` (the version check),
// tag lists with `n`/`last` pagination and a Link header, manifests by tag or
// digest (GET and HEAD, with Docker-Content-Digest) and blobs by digest.
// Pushing goes through publishImage, not HTTP.

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHALLENGE, isAuthorized, REGISTRY_REALM, type RegistryCredentials } from './auth.js';
import { OCI_MANIFEST } from './publish.js';
import { type ImageStore, isDigest, isRepositoryName, listTags, readBlob, resolveTag } from './store.js';

export interface RegistryOptions {
  store: ImageStore;
  credentials: RegistryCredentials;
  /** Default 0: any free port. */
  port?: number;
  /** The most tags one tag-list page holds (default: all, unless the client asks for `n`). */
  maxPageSize?: number;
  /**
   * `basic` (default): 401s ask for basic credentials. `bearer`: they point at
   * `/token`, which trades basic credentials for the bearer token, as Docker
   * Hub or GHCR do (a random token when `credentials.token` is unset).
   */
  challenge?: 'basic' | 'bearer';
}

export interface RunningRegistry {
  /** `127.0.0.1:<port>`: the registry part of image references (`127.0.0.1:5000/app`). */
  host: string;
  port: number;
  close(): Promise<void>;
}

type Route = { kind: 'base' } | { kind: 'tags' | 'manifests' | 'blobs'; name: string; reference: string };

function route(pathname: string): Route | undefined {
  if (pathname === '/v2/' || pathname === '/v2') return { kind: 'base' };
  const match = /^\/v2\/(.+)\/(tags|manifests|blobs)\/([^/]+)$/.exec(pathname);
  if (!match) return undefined;
  const [, name = '', kind = '', reference = ''] = match;
  if (kind === 'tags' && reference !== 'list') return undefined;
  return { kind: kind as 'tags' | 'manifests' | 'blobs', name, reference: decodeURIComponent(reference) };
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ errors: [{ code, message }] });
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function sendContent(request: IncomingMessage, response: ServerResponse, content: Buffer, type: string, digest: string): void {
  response.writeHead(200, { 'content-type': type, 'content-length': content.length, 'docker-content-digest': digest });
  response.end(request.method === 'HEAD' ? undefined : content);
}

async function tagList(store: ImageStore, name: string, url: URL, response: ServerResponse, maxPageSize: number | undefined): Promise<void> {
  const tags = await listTags(store, name);
  if (!tags) return sendError(response, 404, 'NAME_UNKNOWN', `repository name not known to registry: ${name}`);
  const last = url.searchParams.get('last');
  const nText = url.searchParams.get('n');
  const asked = nText === null ? undefined : Number(nText);
  const n = maxPageSize !== undefined && (asked === undefined || asked > maxPageSize) ? maxPageSize : asked;
  if (n !== undefined && (!Number.isInteger(n) || n < 0))
    return sendError(response, 400, 'PAGINATION_NUMBER_INVALID', `invalid number of results requested: ${nText}`);
  const after = last === null ? tags : tags.filter((tag) => tag > last);
  const page = n === undefined ? after : after.slice(0, n);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (n !== undefined && n > 0 && after.length > page.length) {
    headers.link = `</v2/${name}/tags/list?n=${n}&last=${encodeURIComponent(page[page.length - 1] ?? '')}>; rel="next"`;
  }
  const body = JSON.stringify({ name, tags: page });
  response.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function sendToken(request: IncomingMessage, response: ServerResponse, credentials: RegistryCredentials): void {
  if (!isAuthorized(request.headers.authorization, { username: credentials.username, password: credentials.password })) {
    response.setHeader('www-authenticate', CHALLENGE);
    sendError(response, 401, 'UNAUTHORIZED', 'authentication required');
    return;
  }
  const body = JSON.stringify({ token: credentials.token, access_token: credentials.token, expires_in: 300 });
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

async function handle(options: RegistryOptions, challenge: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.setHeader('docker-distribution-api-version', 'registry/2.0');
  const url = new URL(request.url ?? '/', 'http://registry');
  if (url.pathname === '/token' && options.challenge === 'bearer') return sendToken(request, response, options.credentials);
  if (!isAuthorized(request.headers.authorization, options.credentials)) {
    response.setHeader('www-authenticate', challenge);
    return sendError(response, 401, 'UNAUTHORIZED', 'authentication required');
  }
  const target = route(url.pathname);
  if (!target) return sendError(response, 404, 'NOT_FOUND', `no such endpoint: ${url.pathname}`);
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(response, 405, 'UNSUPPORTED', 'this registry is read-only over HTTP');
  if (target.kind === 'base') {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 });
    return void response.end(request.method === 'HEAD' ? undefined : '{}');
  }
  const { store } = options;
  if (!isRepositoryName(target.name)) return sendError(response, 400, 'NAME_INVALID', `invalid repository name: ${target.name}`);
  if (target.kind === 'tags') return tagList(store, target.name, url, response, options.maxPageSize);
  if (!(await listTags(store, target.name))) return sendError(response, 404, 'NAME_UNKNOWN', `repository name not known to registry: ${target.name}`);
  if (target.kind === 'manifests') {
    const digest = isDigest(target.reference) ? target.reference : await resolveTag(store, target.name, target.reference);
    const content = digest ? await readBlob(store, digest) : undefined;
    if (!digest || !content) return sendError(response, 404, 'MANIFEST_UNKNOWN', `manifest unknown: ${target.reference}`);
    const type = (JSON.parse(content.toString('utf8')) as { mediaType?: string }).mediaType ?? OCI_MANIFEST;
    return sendContent(request, response, content, type, digest);
  }
  const content = await readBlob(store, target.reference);
  if (!content) return sendError(response, 404, 'BLOB_UNKNOWN', `blob unknown to registry: ${target.reference}`);
  sendContent(request, response, content, 'application/octet-stream', target.reference);
}

/** Serves the store on 127.0.0.1 until `close()`. */
export async function startRegistry(given: RegistryOptions): Promise<RunningRegistry> {
  if (!given.credentials.username || !given.credentials.password) throw new Error('the registry needs a username and a password');
  const options: RegistryOptions =
    given.challenge === 'bearer' && !given.credentials.token
      ? { ...given, credentials: { ...given.credentials, token: randomBytes(24).toString('hex') } }
      : given;
  let challenge = CHALLENGE;
  const server = createServer((request, response) => {
    handle(options, challenge, request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, 'UNKNOWN', error instanceof Error ? error.message : String(error));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  if (options.challenge === 'bearer') challenge = `Bearer realm="http://127.0.0.1:${port}/token",service="${REGISTRY_REALM}"`;
  return {
    host: `127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
