// The PromotionTasks a Stage's template references, looked up as Kargo's
// webhook looks them up when it inflates a Promotion's steps.

import type { KubeClient } from '../../kube/client.js';
import { isNotFound } from '../../kube/errors.js';
import { resources } from '../../kube/resources.js';
import type { PromotionTask, Stage } from '../../model/kargo.js';
import type { PromotionTaskKind, PromotionTaskLookup } from '../../rules/task-inflation.js';

export async function referencedTasks(client: KubeClient, stage: Stage): Promise<PromotionTaskLookup> {
  const found = new Map<string, PromotionTask>();
  for (const step of stage.spec.promotionTemplate?.spec?.steps ?? []) {
    if (!step.task) continue;
    const kind: PromotionTaskKind = step.task.kind === 'ClusterPromotionTask' ? 'ClusterPromotionTask' : 'PromotionTask';
    const key = `${kind}/${step.task.name}`;
    if (found.has(key)) continue;
    try {
      found.set(
        key,
        kind === 'ClusterPromotionTask'
          ? await client.get<PromotionTask>(resources.clusterPromotionTask, step.task.name)
          : await client.get<PromotionTask>(resources.promotionTask, step.task.name, stage.metadata.namespace ?? ''),
      );
    } catch (error) {
      // A missing task is the builder's refusal to word.
      if (!isNotFound(error)) throw error;
    }
  }
  return (kind, name) => found.get(`${kind}/${name}`);
}
