// The OCI Distribution API as Kargo's image selectors use it (through
// go-containerregistry): a 401 challenge answered with basic credentials or a
// bearer token from the realm, paginated tag lists (Link header), manifests
// and image config blobs. Only single-image manifests are read; an index
// (multi-platform image) is followed to its entries' platforms.

import { openRequest, readBody } from '../../engine/files/http-request.js';
import type { ImageRepository } from './image-reference.js';

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface FetchedManifest {
  digest: string;
  mediaType: string;
  body: Record<string, unknown>;
}

const TIMEOUT_MS = 30_000;
const NEVER = new AbortController().signal;
const MAX_BYTES = 16 << 20;
const ACCEPT = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export class RegistryClient {
  #authorization: string | undefined;

  constructor(
    readonly repo: ImageRepository,
    private readonly credentials: RegistryCredentials | undefined,
    private readonly options: { insecureSkipTLSVerify?: boolean; signal?: AbortSignal } = {},
  ) {}

  /** Every tag, following `Link: <…>; rel="next"`. */
  async listTags(): Promise<string[]> {
    const tags: string[] = [];
    let path: string | undefined = `/v2/${this.repo.repository}/tags/list`;
    while (path) {
      const response = await this.#get(path, 'application/json');
      tags.push(...(((JSON.parse(response.body.toString('utf8')) as { tags?: string[] | null }).tags ?? []) as string[]));
      const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(response.headers.link ?? '');
      path = next?.[1] ? new URL(next[1], this.repo.baseURL).pathname + new URL(next[1], this.repo.baseURL).search : undefined;
    }
    return tags;
  }

  async manifest(reference: string): Promise<FetchedManifest> {
    const response = await this.#get(`/v2/${this.repo.repository}/manifests/${reference}`, ACCEPT);
    const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
    const digest = response.headers['docker-content-digest'] ?? '';
    const mediaType = typeof body.mediaType === 'string' ? body.mediaType : (response.headers['content-type'] ?? '');
    return { digest, mediaType, body };
  }

  async blob(digest: string): Promise<Buffer> {
    return (await this.#get(`/v2/${this.repo.repository}/blobs/${digest}`, '*/*')).body;
  }

  async #get(path: string, accept: string): Promise<{ body: Buffer; headers: Record<string, string | undefined> }> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { accept };
      if (this.#authorization) headers.authorization = this.#authorization;
      const open = await this.#open(`${this.repo.baseURL}${path}`, headers);
      const status = open.response.statusCode ?? 0;
      const responseHeaders = open.response.headers as Record<string, string | undefined>;
      if (status === 401 && attempt === 0) {
        open.response.resume();
        this.#authorization = await this.#authorize(responseHeaders['www-authenticate'] ?? '');
        if (this.#authorization) continue;
      }
      const body = await readBody(open, MAX_BYTES);
      if (status < 200 || status >= 300)
        throw new RegistryError(`GET ${this.repo.baseURL}${path}: unexpected status code ${status}: ${errorText(body)}`, status);
      return { body, headers: responseHeaders };
    }
  }

  #open(url: string, headers: Record<string, string>) {
    return openRequest({
      method: 'GET',
      url,
      headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
      timeoutMs: TIMEOUT_MS,
      ...(this.options.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
      signal: this.options.signal ?? NEVER,
    });
  }

  /** The Authorization header a challenge asks for (undefined when it cannot be met). */
  async #authorize(challenge: string): Promise<string | undefined> {
    const basic = this.credentials ? `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString('base64')}` : undefined;
    if (/^basic/i.test(challenge)) return basic;
    if (!/^bearer/i.test(challenge)) return undefined;
    const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1]?.toLowerCase(), match[2]]));
    if (!params.realm) return undefined;
    const url = new URL(params.realm);
    if (params.service) url.searchParams.set('service', params.service);
    url.searchParams.set('scope', params.scope ?? `repository:${this.repo.repository}:pull`);
    const open = await this.#open(url.toString(), basic ? { authorization: basic } : {});
    const body = await readBody(open, MAX_BYTES);
    if ((open.response.statusCode ?? 0) !== 200)
      throw new RegistryError(
        `GET ${url.origin}${url.pathname}: unexpected status code ${open.response.statusCode}: ${errorText(body)}`,
        open.response.statusCode ?? 0,
      );
    const token = JSON.parse(body.toString('utf8')) as { token?: string; access_token?: string };
    const value = token.token ?? token.access_token;
    return value ? `Bearer ${value}` : undefined;
  }
}

/** The registry's first error message, or the body's start. */
function errorText(body: Buffer): string {
  const text = body.toString('utf8');
  try {
    const parsed = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const first = parsed.errors?.[0];
    if (first) return `${first.code ?? 'UNKNOWN'}: ${first.message ?? ''}`;
  } catch {
    // not JSON
  }
  return text.slice(0, 200);
}
