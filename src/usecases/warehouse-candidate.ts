// `promote --warehouse W`: the Freight Kargo's auto-promotion would pick for
// the Stage from that Warehouse (kargo-semantics.md §2.5), not simply the newest.

import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Freight, Stage, Warehouse } from '../model/kargo.js';
import { autoPromotionCandidate } from '../rules/auto-promotion.js';
import { fail } from '../runtime/failure.js';
import { warehouseNotFound } from './not-found.js';

export async function pickWarehouseCandidate(client: KubeClient, project: string, stage: Stage, warehouse: string, now: Date): Promise<Freight> {
  // A Warehouse that does not exist is "not found" (exit 3), not a refusal by Kargo's rules.
  await client.get<Warehouse>(resources.warehouse, warehouse, project).catch((error: unknown) => {
    throw isNotFound(error) ? warehouseNotFound(warehouse, project) : error;
  });
  const all = await client.list<Freight>(resources.freight, project);
  const outcome = autoPromotionCandidate(stage, { kind: 'Warehouse', name: warehouse }, all.items, now);
  if (outcome.kind === 'candidate') return outcome.freight;
  fail('refused', `${outcome.message}. See what is available with \`kargo get freight --stage ${stage.metadata.name} -p ${project}\`.`);
}
