// `kargo sandbox push-image NAME:TAG [--broken]` through bin/kargo.js: the tag
// is served by the sandbox's registry (with its credentials, never without),
// and a Warehouse subscribed to it turns it into Freight.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../../src/kube/resources.js';
import type { Freight } from '../../../src/model/kargo.js';
import { sandboxHome, type Sandbox } from '../../sandbox/support.js';

let sandbox: Sandbox;
let registry: { port: number; username: string; password: string };

beforeAll(async () => {
  sandbox = sandboxHome();
  const started = await sandbox.kargo(['sandbox', 'start']);
  expect(started.code, started.stderr).toBe(0);
  registry = JSON.parse(readFileSync(join(sandbox.stateDir, 'registry.json'), 'utf8')) as typeof registry;
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
});

const b64 = (text: string): string => Buffer.from(text).toString('base64');

async function tags(repository: string, auth = true): Promise<{ status: number; tags?: string[] }> {
  const response = await fetch(`http://127.0.0.1:${registry.port}/v2/${repository}/tags/list`, {
    headers: auth ? { authorization: `Basic ${b64(`${registry.username}:${registry.password}`)}` } : {},
  });
  return { status: response.status, ...(response.ok ? { tags: ((await response.json()) as { tags: string[] }).tags } : {}) };
}

describe('kargo sandbox push-image', () => {
  it('publishes a tag the registry serves, to its users only', async () => {
    const pushed = await sandbox.kargo(['sandbox', 'push-image', 'shop/web:1.0.0']);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toBe(`127.0.0.1:${registry.port}/shop/web:1.0.0\n`);
    expect(pushed.stderr).toMatch(/^Pushed 127\.0\.0\.1:\d+\/shop\/web:1\.0\.0 \(sha256:[0-9a-f]{64}\)/);
    const broken = await sandbox.kargo(['sandbox', 'push-image', `127.0.0.1:${registry.port}/shop/web:1.1.0`, '--broken', '-o', 'json']);
    expect(broken.code, broken.stderr).toBe(0);
    expect(JSON.parse(broken.stdout)).toMatchObject({ image: `127.0.0.1:${registry.port}/shop/web:1.1.0`, broken: true });
    expect(await tags('shop/web')).toEqual({ status: 200, tags: ['1.0.0', '1.1.0'] });
    expect((await tags('shop/web', false)).status).toBe(401);
  });

  it('refuses a reference without a tag (exit 2)', async () => {
    const result = await sandbox.kargo(['sandbox', 'push-image', 'shop/web']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('push-image needs NAME:TAG');
  });

  it('makes the tag visible to a Warehouse: Freight appears', async () => {
    const admin = await sandbox.admin();
    const image = `127.0.0.1:${registry.port}/shop/web`;
    await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'kargo.akuity.io/project': 'true' } } });
    await admin.create(resources.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: 'shop' } });
    await admin.create(
      { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', singular: 'secret', namespaced: true, shortNames: [], hasStatus: false },
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'registry', namespace: 'shop', labels: { 'kargo.akuity.io/cred-type': 'image' } },
        data: { repoURL: b64(image), username: b64(registry.username), password: b64(registry.password) },
      },
      'shop',
    );
    await admin.create(
      resources.warehouse,
      {
        apiVersion: 'kargo.akuity.io/v1alpha1',
        kind: 'Warehouse',
        metadata: { name: 'images', namespace: 'shop' },
        spec: { interval: '5m0s', subscriptions: [{ image: { repoURL: image, imageSelectionStrategy: 'SemVer' } }] },
      },
      'shop',
    );
    const deadline = Date.now() + 30_000;
    let freight: Freight[] = [];
    while (freight.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      freight = (await admin.list<Freight>(resources.freight, 'shop')).items;
    }
    expect(freight.map((item) => item.images?.[0]?.tag)).toEqual(['1.1.0']);
  }, 60_000);
});
