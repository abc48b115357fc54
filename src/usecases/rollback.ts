// `kargo rollback`: returns a Stage to the newest earlier freight collection that
// was verified there (or the one named with --to), by promoting its Freight again
// with the rollback annotation, under the same availability rules as any promotion.
// It reads only the Freight of the Stage's history (one GET each, once), however
// many the project holds.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Freight, Stage } from '../model/kargo.js';
import type { UlidSource } from '../rules/promotion-name.js';
import { RollbackError, type RollbackChoice, chooseRollbackTarget } from '../rules/rollback.js';
import { type PlannedPromotion, planPromotions } from './promote.js';
import { getStage } from './lookups.js';
import { readNamed } from './read-named.js';
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
  /** The Freight of the Stage's history by name, for the from → to display and the promotions. */
  freightByName: ReadonlyMap<string, Freight>;
}

/** Which collection the Stage goes back to (shown before any availability check). */
export async function chooseRollback(client: KubeClient, request: RollbackRequest): Promise<RollbackTarget> {
  const stage = await getStage(client, request.project, request.stage);
  const freight = await historyFreight(client, request.project, stage);
  let choice: RollbackChoice;
  try {
    choice = chooseRollbackTarget(stage, { ...(request.to ? { to: request.to } : {}), freight });
  } catch (error) {
    if (error instanceof RollbackError) {
      const next =
        error.reason === 'target-is-current' || error.reason === 'no-current-freight'
          ? ''
          : ` See the Stage's freight history with: kargo get stages ${request.stage} -p ${request.project} -o yaml`;
      fail(error.reason === 'target-not-in-history' ? 'not-found' : 'refused', `${sentence(error.message)}${next}`);
    }
    throw error;
  }
  return { choice, freightByName: new Map(freight.map((item) => [item.metadata.name ?? '', item])) };
}

/** The Freight named anywhere in the Stage's history (what is gone since is left out). */
async function historyFreight(client: KubeClient, project: string, stage: Stage): Promise<Freight[]> {
  const names = new Set((stage.status?.freightHistory ?? []).flatMap((collection) => Object.values(collection.items ?? {}).map((item) => item.name)));
  const found = await Promise.all([...names].map((name) => readNamed<Freight>(client, resources.freight, name, project)));
  return found.filter((item): item is Freight => item !== undefined);
}

/** The Promotions that put the chosen collection back, each checked and built like any promotion. */
export async function planRollbackPromotions(client: KubeClient, request: RollbackRequest, target: RollbackTarget): Promise<PlannedPromotion[]> {
  const promotions: PlannedPromotion[] = [];
  for (const item of target.choice.toPromote) {
    const readFreight = target.freightByName.get(item.name);
    const planned = await planPromotions(client, {
      project: request.project,
      freight: readFreight ? { by: 'read', freight: readFreight } : { by: 'name-or-alias', value: item.name },
      target: { stage: request.stage },
      rollback: true,
      now: request.now,
      ulid: request.ulid,
    });
    promotions.push(...planned);
  }
  return promotions;
}
