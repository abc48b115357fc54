// `kargo rollback`: returns a Stage to the newest earlier freight collection that
// was verified there (or the one named with --to), by promoting its Freight again
// with the rollback annotation, under the same availability rules as any promotion.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Freight } from '../model/kargo.js';
import type { UlidSource } from '../rules/promotion-name.js';
import { RollbackError, type RollbackChoice, chooseRollbackTarget } from '../rules/rollback.js';
import { type PlannedPromotion, planPromotions } from './promote.js';
import { getStage } from './lookups.js';
import { fail } from '../runtime/failure.js';
import { sentence } from './wording.js';

export interface RollbackRequest {
  project: string;
  stage: string;
  to?: string;
  now: Date;
  ulid: UlidSource;
}

export interface RollbackTarget {
  choice: RollbackChoice;
  /** The project's Freight by name, for the from → to display. */
  freightByName: ReadonlyMap<string, Freight>;
}

/** Which collection the Stage goes back to (shown before any availability check). */
export async function chooseRollback(client: KubeClient, request: RollbackRequest): Promise<RollbackTarget> {
  const stage = await getStage(client, request.project, request.stage);
  const freight = await client.list<Freight>(resources.freight, request.project);
  let choice: RollbackChoice;
  try {
    choice = chooseRollbackTarget(stage, { ...(request.to ? { to: request.to } : {}), freight: freight.items });
  } catch (error) {
    if (error instanceof RollbackError) {
      const next = error.reason === 'target-is-current' || error.reason === 'no-current-freight' ? '' : ` See the Stage's freight history with: kargo get stages ${request.stage} -p ${request.project} -o yaml`;
      fail(error.reason === 'target-not-in-history' ? 'not-found' : 'refused', `${sentence(error.message)}${next}`);
    }
    throw error;
  }
  return { choice, freightByName: new Map(freight.items.map((item) => [item.metadata.name ?? '', item])) };
}

/** The Promotions that put the chosen collection back, each checked and built like any promotion. */
export async function planRollbackPromotions(client: KubeClient, request: RollbackRequest, target: RollbackTarget): Promise<PlannedPromotion[]> {
  const promotions: PlannedPromotion[] = [];
  for (const item of target.choice.toPromote) {
    const planned = await planPromotions(client, {
      project: request.project,
      freight: { by: 'name-or-alias', value: item.name },
      target: { stage: request.stage },
      rollback: true,
      now: request.now,
      ulid: request.ulid,
    });
    promotions.push(...planned);
  }
  return promotions;
}
