// The embedded controller against Kargo v1.11.2's own: the same Project (copied
// object for object from what Kargo admitted) and the same kargo command lines,
// run once where Kargo's controller writes status and once on an embedded server
// where ours does; then the status each wrote is compared field by field.
// Differences that remain are listed in DIFFERENCES.md with their reason.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { type LiveController, runLiveController } from '../workflow/live/harness.js';
import { kargo } from './cli.js';
import { KubeJson, type KubeObject, RESOURCES, type ResourcePath } from './kube-json.js';
import { FREIGHT, useScenarios } from './scenario.js';
import { differences, normalizer } from './status-diff.js';

const { open } = useScenarios();

let cluster: TestCluster;
let controller: LiveController;
beforeAll(async () => {
  cluster = await startTestCluster();
  controller = await runLiveController(cluster.kubeconfigPath);
});
afterAll(async () => {
  await controller?.stop();
  await cluster?.close();
});

const COPIED: ResourcePath[] = [RESOURCES.warehouse, RESOURCES.analysisTemplate, RESOURCES.stage, RESOURCES.freight];

/** The objects as the user wrote them (and Kargo's webhooks defaulted them): no status, no server fields. */
function asWritten(object: KubeObject): KubeObject {
  const { status: _status, ...rest } = object as KubeObject & { status?: unknown };
  const { name, namespace, labels, annotations } = object.metadata;
  return { ...rest, metadata: { name, namespace, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } };
}

async function mirrorProject(source: KubeJson, target: KubeJson, project: string): Promise<void> {
  await target.create(RESOURCES.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: project, labels: { 'kargo.akuity.io/project': 'true' } } });
  await target.create(RESOURCES.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: project } });
  for (const resource of COPIED) {
    for (const object of await source.list(resource, project)) await target.create(resource, asWritten(object), project);
  }
}

interface World {
  name: string;
  admin: KubeJson;
  kubeconfig: string;
}

/** Status of every Stage, Promotion and Freight of the project, normalised for comparison. */
async function snapshot(world: World, project: string) {
  const promotions = (await world.admin.list(RESOURCES.promotion, project)).sort(
    (a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name),
  );
  const normalize = normalizer(promotions.map((promotion) => promotion.metadata.name));
  const byName = async (resource: ResourcePath) =>
    Object.fromEntries(
      (await world.admin.list(resource, project)).map((object) => [
        normalize(object.metadata.name),
        normalize((object as { status?: unknown }).status ?? null),
      ]),
    );
  return { stages: await byName(RESOURCES.stage), promotions: await byName(RESOURCES.promotion), freight: await byName(RESOURCES.freight) };
}

describe('the embedded controller writes what Kargo v1.11.2 writes', () => {
  it('promotions that succeed, one that fails, a move to the next Freight and a rollback', async () => {
    const s = await open();
    const kargoWorld: World = { name: 'kargo', admin: s.admin, kubeconfig: s.adminKubeconfig };
    const ours: World = { name: 'ours', admin: new KubeJson(cluster.kubeconfigPath), kubeconfig: cluster.kubeconfigPath };
    await mirrorProject(s.admin, ours.admin, s.project);

    const script: { args: string[]; code: number }[] = [
      { args: ['promote', '--stage', 'dev', '--freight', FREIGHT.v1.alias, '--wait'], code: 0 },
      { args: ['promote', '--stage', 'qa', '--freight', FREIGHT.v1.alias, '--wait'], code: 0 },
      { args: ['promote', '--stage', 'dev', '--freight', FREIGHT.v2.alias, '--wait'], code: 0 },
      { args: ['promote', '--stage', 'broken', '--freight', FREIGHT.v1.alias, '--wait'], code: 5 },
      { args: ['rollback', '--stage', 'dev', '--wait'], code: 0 },
    ];
    for (const step of script) {
      for (const world of [kargoWorld, ours]) {
        const run = await kargo(['-p', s.project, ...step.args], world.kubeconfig);
        expect(
          run.code,
          `${world.name}: kargo ${step.args.join(' ')}\n${run.stderr}\ncontroller errors: ${controller.errors.map(({ key, error }) => `${key}: ${String(error)}`).join('; ')}`,
        ).toBe(step.code);
      }
    }
    // Let both controllers settle (Kargo requeues a Stage after a Promotion ends).
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const [theirs, mine] = [await snapshot(kargoWorld, s.project), await snapshot(ours, s.project)];
    const found = differences(theirs, mine);
    expect(found, found.join('\n')).toEqual([]);
    // The tier's Warehouse `shop` subscribes where nothing listens, so its discovery fails in both worlds by design.
    const unexpected = controller.errors.filter(({ key }) => key !== `${s.project}/shop`);
    expect(unexpected.map(({ key, error }) => `${key}: ${String(error)}`)).toEqual([]);
  }, 300_000);
});
