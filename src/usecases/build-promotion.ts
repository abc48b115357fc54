// Fetches the PromotionTasks a Stage's template references, then lets the
// promotion-builder rule produce the exact Promotion Kargo would build.

import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Freight, Promotion, PromotionTask, Stage } from '../model/kargo.js';
import { autoPromotionCandidate } from '../rules/auto-promotion.js';
import { autoPromotionIntent } from '../rules/auto-promotion-intent.js';
import { PromotionBuildError, buildPromotion } from '../rules/promotion-builder.js';
import type { UlidSource } from '../rules/promotion-name.js';
import type { PromotionTaskKind } from '../rules/task-inflation.js';
import { fail } from '../runtime/failure.js';

export interface BuildOptions {
  actor: string;
  now: Date;
  ulid: UlidSource;
  rollback: boolean;
  /** The project's Freight, read when a Stage auto-promotes; one run reads it once however many Stages it builds for. */
  projectFreight(): Promise<Freight[]>;
}

export async function buildPromotionFor(client: KubeClient, project: string, stage: Stage, freight: Freight, options: BuildOptions): Promise<Promotion> {
  const tasks = await fetchReferencedTasks(client, project, stage);
  const promotion = build(stage, freight, tasks, options);
  // As Kargo's webhook does for a person's Promotion on a Stage that auto-promotes.
  if (stage.status?.autoPromotionEnabled && freight.origin) {
    const outcome = autoPromotionCandidate(stage, freight.origin, await options.projectFreight(), options.now);
    const intent = autoPromotionIntent(freight, outcome.kind === 'candidate' ? outcome.freight : undefined);
    promotion.metadata.annotations = { ...promotion.metadata.annotations, ...intent };
  }
  return promotion;
}

function build(stage: Stage, freight: Freight, tasks: Map<string, PromotionTask>, options: BuildOptions): Promotion {
  try {
    return buildPromotion({
      stage,
      freight,
      tasks: (kind, name) => tasks.get(taskKey(kind, name)),
      actor: options.actor,
      now: options.now,
      ulid: options.ulid,
      rollback: options.rollback,
    });
  } catch (error) {
    if (error instanceof PromotionBuildError) {
      fail(error.reason === 'task-not-found' ? 'not-found' : 'refused', error.message);
    }
    throw error;
  }
}

async function fetchReferencedTasks(client: KubeClient, project: string, stage: Stage): Promise<Map<string, PromotionTask>> {
  const found = new Map<string, PromotionTask>();
  for (const step of stage.spec.promotionTemplate?.spec?.steps ?? []) {
    if (!step.task) continue;
    const kind: PromotionTaskKind = step.task.kind === 'ClusterPromotionTask' ? 'ClusterPromotionTask' : 'PromotionTask';
    const key = taskKey(kind, step.task.name);
    if (found.has(key)) continue;
    try {
      const task =
        kind === 'ClusterPromotionTask'
          ? await client.get<PromotionTask>(resources.clusterPromotionTask, step.task.name)
          : await client.get<PromotionTask>(resources.promotionTask, step.task.name, project);
      found.set(key, task);
    } catch (error) {
      // A missing task is the builder's refusal to word; anything else is a real failure.
      if (!isNotFound(error)) throw error;
    }
  }
  return found;
}

function taskKey(kind: PromotionTaskKind, name: string): string {
  return `${kind}/${name}`;
}
