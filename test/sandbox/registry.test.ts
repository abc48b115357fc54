// The sandbox registry over real HTTP: credentials required, tag-list
// pagination, manifests by tag and digest with correct sha256 digests, config blobs.

import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageStore, publishImage, type RunningRegistry, startRegistry } from '../../src/sandbox/registry/index.js';

const credentials = { username: 'sandbox', password: 's3cret', token: 'tok-123' };
const basic = `Basic ${Buffer.from('sandbox:s3cret').toString('base64')}`;
let dir: string;
let registry: RunningRegistry;

const get = (path: string, headers: Record<string, string> = { authorization: basic }, method = 'GET') =>
  fetch(`http://${registry.host}${path}`, { method, headers });
const sha256 = (body: ArrayBuffer) => `sha256:${createHash('sha256').update(Buffer.from(body)).digest('hex')}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kargo-registry-'));
  const store = imageStore(dir);
  for (const tag of ['1.0.0', '1.1.0', '1.2.0', '2.0.0', 'latest']) await publishImage(store, 'team/app', tag, { created: '2026-01-02T03:04:05Z' });
  await publishImage(store, 'team/app', '3.0.0', { created: '2026-05-06T07:08:09Z', labels: { version: '3.0.0' }, annotations: { 'org.example/x': 'y' } });
  registry = await startRegistry({ store, credentials });
});

afterAll(async () => {
  await registry.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sandbox registry', () => {
  it('binds to 127.0.0.1', () => {
    expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it.each([
    ['no credentials', {}],
    ['a wrong password', { authorization: `Basic ${Buffer.from('sandbox:nope').toString('base64')}` }],
    ['a wrong token', { authorization: 'Bearer other' }],
  ])('refuses %s with 401 and a Basic challenge', async (_name, headers) => {
    const response = await get('/v2/', headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="kargo-sandbox-registry"');
    expect(((await response.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('UNAUTHORIZED');
  });

  it('accepts basic credentials and the bearer token', async () => {
    expect((await get('/v2/')).status).toBe(200);
    expect((await get('/v2/', { authorization: 'Bearer tok-123' })).status).toBe(200);
  });

  it('lists tags lexically, paginated by n and last with a Link header', async () => {
    const all = await (await get('/v2/team/app/tags/list')).json();
    expect(all).toEqual({ name: 'team/app', tags: ['1.0.0', '1.1.0', '1.2.0', '2.0.0', '3.0.0', 'latest'] });
    const first = await get('/v2/team/app/tags/list?n=4');
    expect(await first.json()).toEqual({ name: 'team/app', tags: ['1.0.0', '1.1.0', '1.2.0', '2.0.0'] });
    expect(first.headers.get('link')).toBe('</v2/team/app/tags/list?n=4&last=2.0.0>; rel="next"');
    const second = await get('/v2/team/app/tags/list?n=4&last=2.0.0');
    expect(await second.json()).toEqual({ name: 'team/app', tags: ['3.0.0', 'latest'] });
    expect(second.headers.get('link')).toBeNull();
  });

  it('caps pages at maxPageSize, whatever n asks for', async () => {
    const small = await startRegistry({ store: imageStore(dir), credentials, maxPageSize: 2 });
    try {
      const page = await fetch(`http://${small.host}/v2/team/app/tags/list?n=10`, { headers: { authorization: basic } });
      expect(await page.json()).toEqual({ name: 'team/app', tags: ['1.0.0', '1.1.0'] });
      expect(page.headers.get('link')).toBe('</v2/team/app/tags/list?n=2&last=1.1.0>; rel="next"');
    } finally {
      await small.close();
    }
  });

  it('in bearer mode, points 401s at /token, which trades basic credentials for a token', async () => {
    const bearer = await startRegistry({ store: imageStore(dir), credentials: { username: 'sandbox', password: 's3cret' }, challenge: 'bearer' });
    try {
      const base = `http://${bearer.host}`;
      const denied = await fetch(`${base}/v2/`);
      expect(denied.status).toBe(401);
      expect(denied.headers.get('www-authenticate')).toBe(`Bearer realm="${base}/token",service="kargo-sandbox-registry"`);
      expect((await fetch(`${base}/token?service=kargo-sandbox-registry&scope=repository:team/app:pull`)).status).toBe(401);
      const issued = (await (await fetch(`${base}/token`, { headers: { authorization: basic } })).json()) as { token: string };
      expect(issued.token).toMatch(/^[a-f0-9]{48}$/);
      expect((await fetch(`${base}/v2/`, { headers: { authorization: `Bearer ${issued.token}` } })).status).toBe(200);
      expect((await fetch(`${base}/v2/`, { headers: { authorization: 'Bearer guessed' } })).status).toBe(401);
    } finally {
      await bearer.close();
    }
  });

  it('serves a manifest by tag and by digest, HEAD included, with its sha256 as Docker-Content-Digest', async () => {
    const byTag = await get('/v2/team/app/manifests/3.0.0');
    expect(byTag.status).toBe(200);
    expect(byTag.headers.get('content-type')).toBe('application/vnd.oci.image.manifest.v1+json');
    const body = await byTag.arrayBuffer();
    const digest = byTag.headers.get('docker-content-digest');
    expect(digest).toBe(sha256(body));
    const head = await get('/v2/team/app/manifests/3.0.0', { authorization: basic }, 'HEAD');
    expect(head.headers.get('docker-content-digest')).toBe(digest);
    expect(head.headers.get('content-length')).toBe(String(body.byteLength));
    const byDigest = await get(`/v2/team/app/manifests/${digest}`);
    expect(sha256(await byDigest.arrayBuffer())).toBe(digest);

    const manifest = JSON.parse(Buffer.from(body).toString('utf8'));
    expect(manifest.annotations).toEqual({ 'org.example/x': 'y' });
    const config = await get(`/v2/team/app/blobs/${manifest.config.digest}`);
    const configBody = await config.arrayBuffer();
    expect(sha256(configBody)).toBe(manifest.config.digest);
    expect(configBody.byteLength).toBe(manifest.config.size);
    const parsed = JSON.parse(Buffer.from(configBody).toString('utf8'));
    expect(parsed.created).toBe('2026-05-06T07:08:09Z');
    expect(parsed.config.Labels).toEqual({ version: '3.0.0' });
  });

  it('answers unknown names, manifests and blobs with OCI error codes', async () => {
    const codes = async (path: string) => ((await (await get(path)).json()) as { errors: { code: string }[] }).errors[0]?.code;
    expect(await codes('/v2/nope/tags/list')).toBe('NAME_UNKNOWN');
    expect(await codes('/v2/team/app/manifests/9.9.9')).toBe('MANIFEST_UNKNOWN');
    expect(await codes(`/v2/team/app/blobs/sha256:${'0'.repeat(64)}`)).toBe('BLOB_UNKNOWN');
  });

  it('re-points a republished tag', async () => {
    const store = imageStore(dir);
    const again = await publishImage(store, 'team/app', 'latest', { created: '2026-07-01T00:00:00Z' });
    const response = await get('/v2/team/app/manifests/latest', { authorization: basic }, 'HEAD');
    expect(response.headers.get('docker-content-digest')).toBe(again.digest);
  });

  it('refuses invalid names and tags when publishing', async () => {
    await expect(publishImage(imageStore(dir), 'Bad/Name', '1.0.0')).rejects.toThrow(/invalid repository name/);
    await expect(publishImage(imageStore(dir), 'ok', '-bad')).rejects.toThrow(/invalid tag/);
  });
});
