// The workflow scenarios against the embedded API server, plus what only the
// embedded server can show: its request log (a refusal writes nothing) and
// fault injection (a dropped watch, a create that times out after being stored).

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import type { KubeClient, WriteOptions } from '../../src/kube/client.js';
import { KubeConnectionError } from '../../src/kube/errors.js';
import { type ResourceType, resources } from '../../src/kube/resources.js';
import type { KubeObject, Promotion } from '../../src/model/kargo.js';
import { type RequestRecord, WRITE_VERBS } from '../../src/server/index.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { FREIGHT, seedCurrentFreight } from './fixtures.js';
import { CapturedStream, type ScenarioProject, openProject, runKargo, whenWritten } from './harness.js';
import { defineWorkflowScenarios } from './scenarios.js';
import { promotionName } from '../support/promotion-output.js';

/** Requests that change stored state (access reviews are POSTs that store nothing). */
const isWrite = (request: RequestRecord) => WRITE_VERBS.has(request.verb) && !request.resource.endsWith('reviews');

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => cluster?.close());

const target = () => ({ adminKubeconfig: cluster.kubeconfigPath, kubeconfigFor: (user: string, groups: string[]) => cluster.kubeconfigFor(user, groups) });

defineWorkflowScenarios(target);

describe('embedded-only', () => {
  let project: ScenarioProject | undefined;
  afterEach(async () => {
    cluster.server.faults.clear();
    await project?.close();
    project = undefined;
  });

  const writesBy = (user: string) => cluster.server.requests.filter((request) => request.user === user && isWrite(request));

  it('a refusal (viewer: 4; not available: 8) sends no write request at all', async () => {
    project = await openProject(target());
    const viewer = await cluster.kubeconfigFor('vic', ['kargo-viewer']);
    const promoter = await cluster.kubeconfigFor('pat', ['kargo-promoter']);
    cluster.server.clearRequests();
    const forbidden = await runKargo(['promote', '-p', project.project, '--stage', 'dev', '--freight', FREIGHT.next.alias], { kubeconfig: viewer });
    expect(forbidden.code).toBe(ExitCode.Forbidden);
    const refused = await runKargo(['promote', '-p', project.project, '--stage', 'prod', '--freight', FREIGHT.next.alias], { kubeconfig: promoter });
    expect(refused.code).toBe(ExitCode.Refused);
    const refusedApproval = await runKargo(['approve', '-p', project.project, '--stage', 'dev', '--freight', FREIGHT.next.alias], { kubeconfig: viewer });
    expect(refusedApproval.code).toBe(ExitCode.Forbidden);
    expect(cluster.server.requests.filter((request) => request.user === 'vic' || request.user === 'pat').length).toBeGreaterThan(0);
    expect(writesBy('vic')).toEqual([]);
    expect(writesBy('pat')).toEqual([]);
  });

  it('a promoter promotes with exactly one write (the Promotion create)', async () => {
    project = await openProject(target(), { holdPromotion: () => true });
    const promoter = await cluster.kubeconfigFor('pat', ['kargo-promoter']);
    cluster.server.clearRequests();
    const run = await runKargo(['promote', '-p', project.project, '--stage', 'dev', '--freight', FREIGHT.next.alias], { kubeconfig: promoter });
    expect(run.code).toBe(ExitCode.Success);
    expect(writesBy('pat').map((request) => `${request.method} ${request.resource}`)).toEqual(['POST promotions']);
  });

  it('--wait survives dropped watch streams and still ends with the right exit code', async () => {
    let hold = true;
    project = await openProject(target(), { holdPromotion: () => hold });
    const stderr = new CapturedStream();
    const waiting = project.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait'], { stderr });
    await whenWritten(stderr, (text) => text.includes('Running'));
    expect(cluster.server.faults.dropWatches()).toBeGreaterThan(0);
    hold = false;
    project.controller.poke();
    const run = await waiting;
    expect(run.code).toBe(ExitCode.Success);
    expect(run.stderr).toMatch(/Promotion dev\.\S+ Succeeded/);
  });

  it('a create the server is too slow to answer is retried, and exactly one Promotion results', async () => {
    project = await openProject(target(), { holdPromotion: () => true });
    await seedCurrentFreight(project.admin, project.project, 'dev', FREIGHT.next.name, { verifiedAt: '2026-11-22T12:05:00Z' });
    const slow = cluster.server.faults.add({ match: { verb: 'create', resource: 'promotions', namespace: project.project }, latencyMs: 1_500, times: 1 });
    const run = await project.kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.next.alias], { requestTimeoutMs: 1_000 });
    expect(slow.hits).toBe(1);
    expect(run.code).toBe(ExitCode.Success);
    // Give the delayed first request time to land (or be dropped with its connection), then count.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const promotions = (await project.admin.list<Promotion>(resources.promotion, project.project)).items;
    expect(promotions.map((promotion) => promotion.metadata.name)).toEqual([promotionName(run.stdout)]);
  });

  it('approve retries its status patch after a 409 Conflict', async () => {
    project = await openProject(target());
    const ada = await cluster.kubeconfigFor('ada', ['system:masters']);
    const conflict = cluster.server.faults.add({
      match: { verb: 'patch', resource: 'freights', subresource: 'status', user: 'ada' },
      status: 409,
      reason: 'Conflict',
      message: 'the object has been modified',
      times: 1,
    });
    const run = await runKargo(['approve', '-p', project.project, '--freight', FREIGHT.next.alias, '--stage', 'prod'], { kubeconfig: ada });
    expect(conflict.hits).toBe(1);
    expect(run.code).toBe(ExitCode.Success);
    const patches = cluster.server.requests.filter((request) => request.user === 'ada' && request.verb === 'patch');
    expect(patches.map((request) => request.status)).toEqual([409, 200]);
  });

  it.each([
    ['under the name the CLI chose (AlreadyExists on retry)', false],
    ["under the new name Kargo's webhook gave it", true],
  ])('a create whose answer is lost after the server stored it is recognised %s, not created twice', async (_how, renamed) => {
    project = await openProject(target(), { holdPromotion: () => true });
    const lost = { count: 0 };
    const wrap = (client: KubeClient) => loseFirstCreateAnswer(renamed ? renamingWebhook(client) : client, lost);
    const run = await project.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias], { wrapClient: wrap });
    expect(lost.count).toBe(1);
    expect(run.code).toBe(ExitCode.Success);
    const promotions = (await project.admin.list<Promotion>(resources.promotion, project.project)).items;
    expect(promotions.map((promotion) => promotion.metadata.name)).toEqual([promotionName(run.stdout)]);
    if (renamed) expect(promotionName(run.stdout)).toMatch(/^dev\.renamed-1$/);
  });

  it("never reports an earlier run's Promotion as its own when every create fails", async () => {
    project = await openProject(target(), { holdPromotion: () => true });
    const earlier = await project.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias]);
    expect(earlier.code).toBe(ExitCode.Success);
    const unavailable = cluster.server.faults.add({
      match: { verb: 'create', resource: 'promotions', namespace: project.project },
      status: 503,
      reason: 'ServiceUnavailable',
      message: 'etcd leader changed',
    });
    const run = await project.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias]);
    expect(unavailable.hits).toBeGreaterThan(1);
    expect(run.code).not.toBe(ExitCode.Success);
    expect(run.stdout).toBe('');
    expect(run.stderr).not.toContain(promotionName(earlier.stdout));
    const promotions = (await project.admin.list<Promotion>(resources.promotion, project.project)).items;
    expect(promotions.map((promotion) => promotion.metadata.name)).toEqual([promotionName(earlier.stdout)]);
  });

  it('a create that fails with 503 is retried with the same object', async () => {
    project = await openProject(target(), { holdPromotion: () => true });
    const unavailable = cluster.server.faults.add({
      match: { verb: 'create', resource: 'promotions', namespace: project.project },
      status: 503,
      reason: 'ServiceUnavailable',
      message: 'etcd leader changed',
      times: 1,
    });
    const run = await project.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias]);
    expect(unavailable.hits).toBe(1);
    expect(run.code).toBe(ExitCode.Success);
    const promotions = (await project.admin.list<Promotion>(resources.promotion, project.project)).items;
    expect(promotions).toHaveLength(1);
  });
});

/** Kargo ≥ v1.11's mutating webhook gives every new Promotion a fresh name; this plays that part over real HTTP. */
function renamingWebhook(client: KubeClient): KubeClient {
  let count = 0;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'create') return Reflect.get(target, property, receiver);
      return <T extends KubeObject>(type: ResourceType, object: T, namespace?: string, options?: WriteOptions) => {
        if (type.plural !== 'promotions' || options?.dryRun) return target.create(type, object, namespace, options);
        const [stage] = (object.metadata.name ?? '').split('.');
        return target.create(type, { ...object, metadata: { ...object.metadata, name: `${stage}.renamed-${++count}` } }, namespace, options);
      };
    },
  });
}

/** The create reaches the server and is stored, but its answer never comes back (a dropped connection). */
function loseFirstCreateAnswer(client: KubeClient, lost: { count: number }): KubeClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'create') return Reflect.get(target, property, receiver);
      return async <T extends KubeObject>(type: ResourceType, object: T, namespace?: string, options?: WriteOptions) => {
        const created = await target.create(type, object, namespace, options);
        if (type.plural !== 'promotions' || options?.dryRun || lost.count > 0) return created;
        lost.count += 1;
        throw new KubeConnectionError('socket hang up', target.identity.server, target.identity.contextName, 'unreachable');
      };
    },
  });
}
