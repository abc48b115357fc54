// Builds the AnalysisRun that verifies a Stage's current collection, as
// Kargo's startVerification + AnalysisRunBuilder.Build do: name, labels and
// annotations (analysisRunMetadata first, Kargo's over them), the templates'
// specs flattened, the Stage's args evaluated and merged, and every Freight
// of the collection as an owner. Failures throw with Kargo's wording.

import type { KubeClient } from '../../kube/client.js';
import { resources } from '../../kube/resources.js';
import { loadClusterSnapshot } from '../../engine/snapshot.js';
import { evaluateVerificationArgs } from '../../engine/expressions/index.js';
import type { AnalysisRun, AnalysisTemplate, Argument } from '../../model/analysis.js';
import { PROMOTION_ANNOTATION, STAGE_ANNOTATION } from '../../model/annotations.js';
import type { Freight, FreightCollection, OwnerReference, Stage } from '../../model/kargo.js';
import { FREIGHT_COLLECTION_LABEL, STAGE_LABEL } from '../../model/labels.js';
import { shortenLabelValue } from '../../rules/promotion-name.js';
import { flattenTemplates, mergeArgs } from './flatten-templates.js';
import { analysisRunName } from './run-name.js';

const CONTROLLER_INSTANCE_LABEL = 'argo-rollouts.argoproj.io/controller-instance-id';

export interface BuildRunInput {
  client: KubeClient;
  stage: Stage;
  collection: FreightCollection;
  ulid: string;
  /** Put `kargo.akuity.io/promotion` on the run (first verification, or a control-plane reverify). */
  withPromotion: boolean;
  controllerInstanceId?: string;
}

export async function buildAnalysisRun(input: BuildRunInput): Promise<AnalysisRun> {
  const { client, stage, collection } = input;
  const namespace = stage.metadata.namespace ?? '';
  const stageName = stage.metadata.name ?? '';
  const verification = stage.spec.verification;
  if (!verification) throw new Error('missing verification configuration');
  const shortStage = shortenLabelValue(stageName);
  const labels: Record<string, string> = {
    ...verification.analysisRunMetadata?.labels,
    [STAGE_LABEL]: shortStage,
    [FREIGHT_COLLECTION_LABEL]: collection.id ?? '',
    ...(input.controllerInstanceId ? { [CONTROLLER_INSTANCE_LABEL]: input.controllerInstanceId } : {}),
  };
  const lastPromotion = stage.status?.lastPromotion?.name;
  const annotations: Record<string, string> = {
    ...verification.analysisRunMetadata?.annotations,
    ...(shortStage !== stageName ? { [STAGE_ANNOTATION]: stageName } : {}),
    ...(input.withPromotion && lastPromotion ? { [PROMOTION_ANNOTATION]: lastPromotion } : {}),
  };
  const templates = await fetchTemplates(client, namespace, verification.analysisTemplates ?? []);
  const spec = await buildSpec(input, templates);
  const ownerReferences = await ownersOf(client, namespace, collection);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { name: analysisRunName(stageName, collection.id ?? '', input.ulid), namespace, labels, annotations, ownerReferences },
    spec,
  };
}

async function buildSpec(input: BuildRunInput, templates: AnalysisTemplate[]): Promise<AnalysisRun['spec']> {
  let flat: ReturnType<typeof flattenTemplates>;
  try {
    flat = flattenTemplates(templates.map((template) => template.spec));
  } catch (error) {
    throw new Error(`build spec: flatten templates: ${messageOf(error)}`);
  }
  let args: Argument[];
  try {
    args = mergeArgs(await evaluatedArgs(input), flat.args);
  } catch (error) {
    throw new Error(`build spec: build arguments: ${messageOf(error)}`);
  }
  return {
    metrics: flat.metrics,
    ...(flat.dryRun.length > 0 ? { dryRun: flat.dryRun } : {}),
    ...(flat.measurementRetention.length > 0 ? { measurementRetention: flat.measurementRetention } : {}),
    ...(args.length > 0 ? { args } : {}),
  };
}

async function evaluatedArgs(input: BuildRunInput): Promise<Argument[]> {
  const { stage, collection } = input;
  const args = input.stage.spec.verification?.args ?? [];
  const vars = stage.spec.vars ?? [];
  if (args.length === 0 && vars.length === 0) return [];
  const project = stage.metadata.namespace ?? '';
  const snapshot = await loadClusterSnapshot(input.client, { project });
  const scope = {
    ...snapshot,
    project,
    stage: stage.metadata.name ?? '',
    freightRequests: stage.spec.requestedFreight ?? [],
    freight: Object.values(collection.items ?? {}),
    warehouses: snapshot.warehouses,
  };
  return evaluateVerificationArgs(scope, vars, args).map((arg) => (arg.value === undefined ? { name: arg.name } : { name: arg.name, value: arg.value }));
}

async function fetchTemplates(client: KubeClient, namespace: string, references: readonly { name: string; kind?: string }[]): Promise<AnalysisTemplate[]> {
  const templates: AnalysisTemplate[] = [];
  for (const reference of references) {
    const cluster = reference.kind === 'ClusterAnalysisTemplate';
    try {
      templates.push(
        cluster
          ? await client.get<AnalysisTemplate>(resources.clusterAnalysisTemplate, reference.name)
          : await client.get<AnalysisTemplate>(resources.analysisTemplate, reference.name, namespace),
      );
    } catch (error) {
      // Kargo's messages call the templates AnalysisRuns.
      const what = cluster
        ? `get ClusterAnalysisRun ${JSON.stringify(reference.name)}`
        : `get AnalysisRun ${JSON.stringify(reference.name)} in namespace ${JSON.stringify(namespace)}`;
      throw new Error(`get analysis templates: ${what}: ${messageOf(error)}`);
    }
  }
  // Namespaced templates first, then cluster ones, as Kargo combines them.
  const namespaced = templates.filter((_, index) => references[index]?.kind !== 'ClusterAnalysisTemplate');
  const clusterWide = templates.filter((_, index) => references[index]?.kind === 'ClusterAnalysisTemplate');
  return [...namespaced, ...clusterWide];
}

async function ownersOf(client: KubeClient, namespace: string, collection: FreightCollection): Promise<OwnerReference[]> {
  const owners: OwnerReference[] = [];
  for (const reference of Object.values(collection.items ?? {})) {
    let freight: Freight;
    try {
      freight = await client.get<Freight>(resources.freight, reference.name, namespace);
    } catch (error) {
      throw new Error(`build owner references: get Freight ${JSON.stringify(reference.name)} in namespace ${JSON.stringify(namespace)}: ${messageOf(error)}`);
    }
    owners.push({
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      name: freight.metadata.name ?? reference.name,
      uid: freight.metadata.uid ?? '',
      blockOwnerDeletion: false,
    });
  }
  return owners;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
