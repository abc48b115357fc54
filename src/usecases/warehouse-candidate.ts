// `promote --warehouse W`: the Freight Kargo's auto-promotion would pick for
// the Stage from that Warehouse (kargo-semantics.md §2.5), not simply the newest.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Freight, Stage } from '../model/kargo.js';
import { autoPromotionCandidate } from '../rules/auto-promotion.js';
import { fail } from '../runtime/failure.js';

export async function pickWarehouseCandidate(client: KubeClient, project: string, stage: Stage, warehouse: string, now: Date): Promise<Freight> {
  const all = await client.list<Freight>(resources.freight, project);
  const outcome = autoPromotionCandidate(stage, { kind: 'Warehouse', name: warehouse }, all.items, now);
  if (outcome.kind === 'candidate') return outcome.freight;
  fail('refused', `${outcome.message} See what is available with \`kargo get freight --stage ${stage.metadata.name} -p ${project}\`.`);
}
