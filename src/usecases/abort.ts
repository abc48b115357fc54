// Aborting a Promotion: Kargo's controller terminates it when it sees the
// `kargo.akuity.io/abort: terminate` annotation (kargo-semantics.md §6.4).

import { ExitCode } from '../cli/exit-codes.js';
import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Promotion } from '../model/kargo.js';
import { isTerminalPromotionPhase } from '../rules/promotion-phases.js';
import { promoteNeed, requirePermissions } from './permissions.js';
import { fail } from './workflow-error.js';

export const ABORT_ANNOTATION = 'kargo.akuity.io/abort';

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

export async function getPromotion(client: KubeClient, project: string, name: string): Promise<Promotion> {
  try {
    return await client.get<Promotion>(resources.promotion, name, project);
  } catch (error) {
    if (isNotFound(error)) {
      fail(ExitCode.NotFound, `Promotion "${name}" not found in project "${project}". List promotions with \`kargo get promotions -p ${project}\`.`);
    }
    throw error;
  }
}
