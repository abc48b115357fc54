// Kargo v1.11.2's autoPromoteFreight: when the Project's policies allow it, each
// requested origin's newest available Freight (the auto-promotion rule) that the
// Stage neither has nor is getting is promoted — the Promotion built as Kargo's
// webhook builds it, created by the controller. Returns whether it was enabled.

import type { KubeClient } from '../../kube/client.js';
import { resources } from '../../kube/resources.js';
import { CREATE_ACTOR_ANNOTATION } from '../../model/annotations.js';
import type { Freight, Promotion, Stage, StageStatus } from '../../model/kargo.js';
import { autoPromotionCandidate } from '../../rules/auto-promotion.js';
import { autoPromotionHeld } from '../../rules/auto-promotion-intent.js';
import { buildPromotion } from '../../rules/promotion-builder.js';
import { ulidSource } from '../../rules/promotion-name.js';
import { autoPromotionEnabled } from './policy.js';
import { hasOrAwaits, promotionBlocks } from './should-promote.js';
import { referencedTasks } from './tasks.js';

// The builder needs a creator; the annotation it yields is removed below.
const CONTROLLER_ACTOR = 'system:serviceaccount:kargo:kargo-controller';

const ulid = ulidSource();

export interface AutoPromoteInput {
  client: KubeClient;
  now: Date;
  stage: Stage;
  /** The status this pass computed (its freight history and Promotions). */
  status: StageStatus;
  promotions: readonly Promotion[];
  freight: Freight[];
}

export async function autoPromote(input: AutoPromoteInput): Promise<boolean> {
  const { client, stage, status } = input;
  if ((stage.spec.requestedFreight ?? []).length === 0) return false;
  if (!(await autoPromotionEnabled(client, stage))) return false;
  for (const request of stage.spec.requestedFreight ?? []) {
    const outcome = autoPromotionCandidate(stage, request.origin, input.freight, input.now);
    if (outcome.kind !== 'candidate') continue;
    if (autoPromotionHeld(input.promotions, stage.metadata.name ?? '', request.origin)) continue;
    const name = outcome.freight.metadata.name ?? '';
    if (hasOrAwaits(status, request.origin, name) || promotionBlocks(input.promotions, name, status.lastPromotion?.name)) continue;
    const tasks = await referencedTasks(client, stage);
    const promotion = buildPromotion({ stage, freight: outcome.freight, tasks, actor: CONTROLLER_ACTOR, now: input.now, ulid });
    // Kargo's webhook records no creator for the control plane's own Promotions.
    delete promotion.metadata.annotations?.[CREATE_ACTOR_ANNOTATION];
    await client.create(resources.promotion, promotion, stage.metadata.namespace ?? '');
  }
  return true;
}
