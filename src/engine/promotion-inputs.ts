// What the runner needs besides the Promotion, read through the client: its
// Stage, its Freight (undefined when gone) and the expression snapshot.

import type { KubeClient } from '../kube/client.js';
import type { Freight, Promotion, Stage } from '../model/kargo.js';
import { loadClusterSnapshot, type ClusterSnapshot, type SnapshotOptions } from './snapshot.js';

export interface PromotionInputs {
  stage: Stage;
  freight: Freight | undefined;
  snapshot: ClusterSnapshot;
}

export async function loadPromotionInputs(client: KubeClient, promotion: Promotion, options: Omit<SnapshotOptions, 'project'> = {}): Promise<PromotionInputs> {
  const project = promotion.metadata.namespace ?? '';
  const snapshot = await loadClusterSnapshot(client, { ...options, project });
  const stage = snapshot.stages?.find((candidate) => candidate.metadata.name === promotion.spec.stage);
  if (!stage) {
    throw new Error(`could not find Stage ${JSON.stringify(promotion.spec.stage)} in namespace ${JSON.stringify(project)}`);
  }
  const freight = snapshot.freightObjects?.find((candidate) => candidate.metadata.name === promotion.spec.freight);
  return { stage, freight, snapshot };
}
