// One Project per scenario on the shared control plane: Warehouse `shop`;
// Stages dev (direct) → staging (from dev, verified by AnalysisTemplate
// `smoke`) and qa (from dev) → prod (from staging, 1h soak); `broken` (its
// step fails) and `stuck` (its step never ends); Freight made by hand. Kargo
// writes every status; nothing here does.

import { createHash } from 'node:crypto';
import { inject } from 'vitest';
import { KubeJson, RESOURCES, type KubeObject } from './kube-json.js';
import type { LocalGitRepo } from './local-git.js';
import { waitFor } from './wait.js';

export interface FreightSpec {
  alias: string;
  tag: string;
}

export interface PipelineOptions {
  git: LocalGitRepo;
  /** A URL on 127.0.0.1 the `stuck` Stage's http step polls forever. */
  pollUrl: string;
  freight: FreightSpec[];
}

export interface Pipeline {
  project: string;
  admin: KubeJson;
  adminKubeconfig: string;
  /** Freight name (Kargo's content-derived ID) by alias. */
  freight: Record<string, string>;
}

let counter = 0;

const steps = (git: LocalGitRepo) => [{ uses: 'git-clone', config: { repoURL: git.url, checkout: [{ branch: 'main', path: './src' }] } }];

function stage(project: string, name: string, sources: Record<string, unknown>, promotionSteps: unknown[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: project },
    spec: { requestedFreight: [{ origin: { kind: 'Warehouse', name: 'shop' }, sources }], promotionTemplate: { spec: { steps: promotionSteps } }, ...extra },
  };
}

export async function openPipeline(options: PipelineOptions): Promise<Pipeline> {
  const { adminKubeconfig } = inject('realkargo');
  const admin = new KubeJson(adminKubeconfig);
  const project = `shop-${process.pid}-${Date.now().toString(36)}-${++counter}`;
  await admin.create(RESOURCES.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: project } });
  await waitFor(`Project ${project} to be Ready`, async () => {
    const found = await admin.get<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>(RESOURCES.project, project);
    return found.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ? true : undefined;
  });
  await admin.create(
    RESOURCES.warehouse,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: 'shop', namespace: project },
      // Nothing listens there: discovery fails at once and makes no Freight of its own.
      spec: { subscriptions: [{ image: { repoURL: '127.0.0.1:9/shop' } }] },
    },
    project,
  );
  await admin.create(
    RESOURCES.analysisTemplate,
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'smoke', namespace: project },
      spec: { metrics: [{ name: 'success-rate', provider: { web: { url: 'http://127.0.0.1:9/health' } } }] },
    },
    project,
  );
  const gitSteps = steps(options.git);
  const stages = [
    stage(project, 'dev', { direct: true }, gitSteps),
    stage(project, 'staging', { stages: ['dev'] }, gitSteps, { verification: { analysisTemplates: [{ name: 'smoke' }] } }),
    stage(project, 'qa', { stages: ['dev'] }, gitSteps),
    stage(project, 'prod', { stages: ['staging'], requiredSoakTime: '1h' }, gitSteps),
    stage(project, 'broken', { direct: true }, [{ uses: 'fail', config: { message: 'the deploy target refused the change' } }]),
    stage(project, 'stuck', { direct: true }, [
      { uses: 'http', as: 'wait-ready', config: { method: 'GET', url: options.pollUrl, successExpression: 'false' } },
    ]),
  ];
  for (const object of stages) await admin.create(RESOURCES.stage, object, project);
  const freight: Record<string, string> = {};
  for (const spec of options.freight) freight[spec.alias] = await createFreight(admin, project, spec);
  return { project, admin, adminKubeconfig, freight };
}

export async function createFreight(admin: KubeJson, project: string, spec: FreightSpec): Promise<string> {
  const digest = `sha256:${createHash('sha256').update(spec.tag).digest('hex')}`;
  const created = await admin.create(
    RESOURCES.freight,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      // Kargo's webhook replaces the name by the content-derived ID.
      metadata: { name: `placeholder-${spec.alias}`, namespace: project },
      alias: spec.alias,
      origin: { kind: 'Warehouse', name: 'shop' },
      images: [{ repoURL: '127.0.0.1:9/shop', tag: spec.tag, digest }],
    },
    project,
  );
  return created.metadata.name;
}
