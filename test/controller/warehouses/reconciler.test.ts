// The Warehouse reconciler against the embedded API server, discovering from
// a real bare git repository, the sandbox registry (credentials from a
// Project Secret) and a local Helm repository: Freight named, aliased and
// shaped as Kargo makes it, status field for field, refresh, Manual policy,
// creation criteria, idempotence and a refused login recorded in conditions.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startController } from '../../../src/controller/index.js';
import { freightID } from '../../../src/controller/warehouses/freight-id.js';
import { reconcileWarehouse } from '../../../src/controller/warehouses/reconciler.js';
import type { WarehouseObject } from '../../../src/controller/warehouses/types.js';
import type { KubeClient } from '../../../src/kube/client.js';
import { resources } from '../../../src/kube/resources.js';
import type { Condition, Freight } from '../../../src/model/kargo.js';
import { systemClock } from '../../../src/runtime/clock.js';
import { type GitHttpServer, startGitHttpServer } from '../../support/git-http-server.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { clientFor } from '../../workflow/harness.js';
import { eventually } from '../support.js';
import { type ChartRepoFixture, chartRepoFixture, type GitFixture, gitFixture, REGISTRY_USER, type RegistryFixture, registryFixture } from './support.js';

const NS = 'wh-test';
let cluster: TestCluster;
let admin: KubeClient;
let repo: GitFixture;
let gitServer: GitHttpServer;
let gitURL: string;
let registry: RegistryFixture;
let charts: ChartRepoFixture;
let workRoot: string;
let stopController: () => Promise<void>;
const errors: unknown[] = [];
let headCommit: string;
let apiURL: string;

const b64 = (text: string) => Buffer.from(text).toString('base64');
const warehouse = (name: string) => admin.get<WarehouseObject>(resources.warehouse, name, NS);
const condition = (w: WarehouseObject, type: string): Condition | undefined => w.status?.conditions?.find((c) => c.type === type);
const freightOf = async (name: string) => (await admin.list<Freight>(resources.freight, NS)).items.filter((f) => f.origin?.name === name);

async function createWarehouse(name: string, subscriptions: Record<string, unknown>[], extra: Record<string, unknown> = {}): Promise<void> {
  await admin.create(
    resources.warehouse,
    { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Warehouse', metadata: { name, namespace: NS }, spec: { interval: '5m0s', subscriptions, ...extra } },
    NS,
  );
}

async function refresh(name: string, token: string): Promise<void> {
  await admin.patch(resources.warehouse, name, { metadata: { annotations: { 'kargo.akuity.io/refresh': token } } }, NS);
}

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await clientFor(cluster.kubeconfigPath);
  repo = gitFixture();
  headCommit = repo.commit({ 'app/values.yaml': 'v: 1' }, 'initial manifests', '2026-01-01T10:00:00Z');
  // Kargo's CRD allows only http(s) and ssh URLs in discoveredArtifacts, so git is served over HTTP here.
  gitServer = await startGitHttpServer({ root: repo.root, username: 'git-user', password: 'git-pass' });
  gitURL = gitServer.url('remote.git');
  registry = await registryFixture();
  apiURL = `${registry.registry.host}/shop/api`;
  await registry.publish('shop/api', '1.0.0', '2026-01-01T00:00:00Z');
  await registry.publish('shop/nocreds', '1.0.0', '2026-01-01T00:00:00Z');
  charts = await chartRepoFixture();
  charts.setVersions('guestbook', ['0.1.0', '0.2.0']);
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'kargo.akuity.io/project': 'true' } } });
  await admin.create(
    resources.secret,
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'registry-creds', namespace: NS, labels: { 'kargo.akuity.io/cred-type': 'image' } },
      data: { repoURL: b64(apiURL), username: b64(REGISTRY_USER.username), password: b64(REGISTRY_USER.password) },
    },
    NS,
  );
  await admin.create(
    resources.secret,
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'git-creds', namespace: NS, labels: { 'kargo.akuity.io/cred-type': 'git' } },
      data: { repoURL: b64(gitURL), username: b64('git-user'), password: b64('git-pass') },
    },
    NS,
  );
  workRoot = await mkdtemp(join(tmpdir(), 'kargo-wh-controller-'));
  const stop = new AbortController();
  const running = startController({
    client: await clientFor(cluster.kubeconfigPath),
    clock: systemClock,
    workRoot,
    signal: stop.signal,
    warehouses: { credentials: { sharedNamespace: '', allowOverHTTP: true } },
    onError: (_key, error) => errors.push(error),
  });
  stopController = async () => {
    stop.abort();
    await running;
  };
}, 60_000);

afterAll(async () => {
  await stopController?.();
  await cluster?.close();
  await registry?.close();
  await charts?.close();
  await gitServer?.close();
  repo?.close();
  await rm(workRoot, { recursive: true, force: true });
});

describe('Warehouse reconciler', () => {
  it('discovers git, image and chart artifacts and creates the Freight Kargo would', async () => {
    await createWarehouse('all', [
      { git: { repoURL: gitURL } },
      { image: { repoURL: apiURL } },
      { chart: { repoURL: charts.url, name: 'guestbook', semverConstraint: '^0.1.0' } },
    ]);
    const w = await eventually(async () => {
      const current = await warehouse('all');
      return current.status?.lastFreightID ? current : undefined;
    }, 60_000);
    const status = w.status ?? {};
    const imageDigest = status.discoveredArtifacts?.images?.[0]?.references[0]?.digest ?? '';
    expect(imageDigest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(status.observedGeneration).toBe(1);
    expect(status.discoveredArtifacts).toEqual({
      discoveredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      git: [
        {
          repoURL: gitURL,
          commits: [
            {
              id: headCommit,
              subject: 'initial manifests',
              author: 'Ada <ada@example.com>',
              committer: 'Bob <bob@example.com>',
              creatorDate: '2026-01-01T10:00:00Z',
            },
          ],
          observedRefs: { branchHead: headCommit },
        },
      ],
      images: [{ repoURL: apiURL, references: [{ tag: '1.0.0', digest: imageDigest, createdAt: '2026-01-01T00:00:00Z' }] }],
      charts: [{ repoURL: charts.url, name: 'guestbook', semverConstraint: '^0.1.0', versions: ['0.1.0'] }],
    });
    expect(condition(w, 'Ready')).toMatchObject({
      status: 'True',
      reason: 'ArtifactsDiscovered',
      message: 'Successfully discovered artifacts from 3 subscriptions',
      observedGeneration: 1,
    });
    expect(condition(w, 'Healthy')).toMatchObject({ status: 'True', reason: 'ReconciliationSucceeded' });
    expect(condition(w, 'FreightCreated')).toMatchObject({ status: 'True', reason: 'NewFreight' });
    expect(condition(w, 'FreightCreationCriteriaSatisfied')).toMatchObject({ status: 'True', reason: 'CriteriaSatisfied' });
    expect(condition(w, 'Reconciling')).toBeUndefined();

    const [freight, ...others] = await freightOf('all');
    expect(others).toEqual([]);
    expect(freight?.metadata.name).toBe(status.lastFreightID);
    expect(freight?.alias).toMatch(/^[a-z]+-[a-z]+$/);
    expect(freight?.metadata.labels?.['kargo.akuity.io/alias']).toBe(freight?.alias);
    expect(freight?.origin).toEqual({ kind: 'Warehouse', name: 'all' });
    expect(freight?.commits).toEqual([
      { repoURL: gitURL, id: headCommit, message: 'initial manifests', author: 'Ada <ada@example.com>', committer: 'Bob <bob@example.com>' },
    ]);
    expect(freight?.images).toEqual([{ repoURL: apiURL, tag: '1.0.0', digest: imageDigest }]);
    expect(freight?.charts).toEqual([{ repoURL: charts.url, name: 'guestbook', version: '0.1.0' }]);
    expect(freight?.metadata.name).toBe(freightID({ origin: freight?.origin, commits: freight?.commits, images: freight?.images, charts: freight?.charts }));
  }, 90_000);

  it('a refresh annotation makes it discover now: a new image becomes new Freight, lastHandledRefresh records the token', async () => {
    const before = (await warehouse('all')).status?.lastFreightID;
    await registry.publish('shop/api', '1.1.0', '2026-01-02T00:00:00Z');
    await refresh('all', 'refresh-1');
    const w = await eventually(async () => {
      const current = await warehouse('all');
      return current.status?.lastHandledRefresh === 'refresh-1' && current.status.lastFreightID !== before ? current : undefined;
    }, 60_000);
    expect(w.status?.discoveredArtifacts?.images?.[0]?.references.map((r) => r.tag)).toEqual(['1.1.0', '1.0.0']);
    const freight = await freightOf('all');
    expect(freight).toHaveLength(2);
    const aliases = new Set(freight.map((f) => f.alias));
    expect(aliases.size).toBe(2);
  }, 90_000);

  it('is idempotent: a reconcile over unchanged artifacts creates nothing and says the Freight already exists', async () => {
    await refresh('all', 'refresh-2');
    const w = await eventually(async () => {
      const current = await warehouse('all');
      return current.status?.lastHandledRefresh === 'refresh-2' && condition(current, 'FreightCreated')?.reason === 'AlreadyExists' ? current : undefined;
    }, 60_000);
    expect(condition(w, 'FreightCreated')).toMatchObject({ status: 'False', message: 'Freight composed of the newest artifacts already exists' });
    expect(condition(w, 'Ready')).toMatchObject({ status: 'True' });
    // A retried reconcile (here run directly, beside the controller) changes nothing either,
    // and asks to look again when the 5m interval since the last discovery is up.
    const again = await reconcileWarehouse(
      { client: admin, clock: systemClock, workRoot, signal: new AbortController().signal, credentials: { sharedNamespace: '', allowOverHTTP: true } },
      NS,
      'all',
    );
    expect(await freightOf('all')).toHaveLength(2);
    expect(again).toBeGreaterThan(4 * 60_000);
    expect(again).toBeLessThanOrEqual(5 * 60_000);
  }, 90_000);

  it('Manual policy: discovers but creates no Freight', async () => {
    await createWarehouse('manual', [{ image: { repoURL: apiURL } }], { freightCreationPolicy: 'Manual' });
    const w = await eventually(async () => {
      const current = await warehouse('manual');
      return condition(current, 'Ready')?.status === 'True' ? current : undefined;
    }, 60_000);
    expect(w.status?.discoveredArtifacts?.images?.[0]?.references[0]?.tag).toBe('1.1.0');
    expect(w.status?.lastFreightID).toBeUndefined();
    expect(condition(w, 'FreightCreated')).toBeUndefined();
    expect(await freightOf('manual')).toEqual([]);
  }, 90_000);

  it('freightCreationCriteria: Freight only when the expression holds for the newest artifacts', async () => {
    await createWarehouse('gated', [{ image: { repoURL: apiURL } }], { freightCreationCriteria: { expression: `imageFrom("${apiURL}").Tag == "2.0.0"` } });
    const w = await eventually(async () => {
      const current = await warehouse('gated');
      return condition(current, 'FreightCreationCriteriaSatisfied') ? current : undefined;
    }, 60_000);
    expect(condition(w, 'FreightCreationCriteriaSatisfied')).toMatchObject({
      status: 'False',
      reason: 'CriteriaNotSatisfied',
      message: 'Freight creation criteria were not satisfied',
    });
    expect(condition(w, 'Ready')).toMatchObject({ status: 'True', reason: 'ArtifactsDiscovered' });
    expect(await freightOf('gated')).toEqual([]);

    await registry.publish('shop/api', '2.0.0', '2026-01-03T00:00:00Z');
    await refresh('gated', 'now');
    await eventually(async () => ((await freightOf('gated')).length === 1 ? true : undefined), 60_000);
    const [freight] = await freightOf('gated');
    expect(freight?.images?.[0]?.tag).toBe('2.0.0');
  }, 90_000);

  it('an expression that does not compile is recorded, not retried', async () => {
    await createWarehouse('bad-criteria', [{ image: { repoURL: apiURL } }], { freightCreationCriteria: { expression: 'imageFrom(' } });
    const w = await eventually(async () => {
      const current = await warehouse('bad-criteria');
      return condition(current, 'Ready')?.reason === 'CriteriaEvaluationFailed' ? current : undefined;
    }, 60_000);
    expect(condition(w, 'Healthy')).toMatchObject({ status: 'False', reason: 'CriteriaEvaluationFailed' });
    expect(condition(w, 'Healthy')?.message).toMatch(/^Evaluation of Freight creation criteria failed: error compiling expression: /);
  }, 90_000);

  it('a refused registry login is recorded in the conditions; the controller keeps going', async () => {
    const nocreds = `${registry.registry.host}/shop/nocreds`;
    await createWarehouse('locked', [{ image: { repoURL: nocreds } }]);
    const w = await eventually(async () => {
      const current = await warehouse('locked');
      return condition(current, 'Healthy')?.reason === 'DiscoveryFailed' ? current : undefined;
    }, 60_000);
    expect(condition(w, 'Healthy')?.status).toBe('False');
    expect(condition(w, 'Healthy')?.message).toContain(
      `Unable to discover artifacts: error discovering artifacts: error discovering newest applicable images "${nocreds}"`,
    );
    expect(condition(w, 'Healthy')?.message).toContain('401');
    expect(condition(w, 'Ready')).toMatchObject({ status: 'False', reason: 'DiscoveryFailure' });
    expect(condition(w, 'Ready')?.message).not.toContain(REGISTRY_USER.password);
    expect(await freightOf('locked')).toEqual([]);
    expect(errors.some((error) => String(error).includes('shop/nocreds'))).toBe(true);
    // The others were not disturbed.
    expect(condition(await warehouse('all'), 'Ready')?.status).toBe('True');
  }, 90_000);
});
