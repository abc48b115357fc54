// Aborting a Promotion: Kargo's controller terminates it when it sees the
// `kargo.akuity.io/abort: terminate` annotation (kargo-semantics.md §6.4).

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Promotion } from '../model/kargo.js';
import { isTerminalPromotionPhase } from '../model/phases.js';
import { getPromotion } from './lookups.js';
import { promoteNeed, requirePermissions } from './permissions.js';
import { ABORT_ANNOTATION } from '../model/annotations.js';

export type AbortPromotionResult =
  | { kind: 'requested'; promotion: Promotion }
  | { kind: 'already-finished'; promotion: Promotion }
  | { kind: 'already-requested'; promotion: Promotion };

export async function abortPromotion(client: KubeClient, project: string, name: string): Promise<AbortPromotionResult> {
  const promotion = await getPromotion(client, project, name);
  if (isTerminalPromotionPhase(promotion.status?.phase)) return { kind: 'already-finished', promotion };
  if (promotion.metadata.annotations?.[ABORT_ANNOTATION]) return { kind: 'already-requested', promotion };
  await requirePermissions(client, [
    promoteNeed(project, promotion.spec.stage, `abort Promotion "${name}"`),
    { verb: 'patch', group: resources.promotion.group, resource: 'promotions', name, namespace: project, purpose: `abort Promotion "${name}"` },
  ]);
  const patched = await client.patch<Promotion>(resources.promotion, name, { metadata: { annotations: { [ABORT_ANNOTATION]: 'terminate' } } }, project);
  return { kind: 'requested', promotion: patched };
}
