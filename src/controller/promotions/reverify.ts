// A successful re-promotion of Freight the Stage already has asks for its
// verification to run again (Kargo's promote → api.ReverifyStageFreight): the
// Stage gets `kargo.akuity.io/reverify: {"id":"<current verification id>"}`.
// Failing to ask never fails the Promotion.

import type { KubeClient } from '../../kube/client.js';
import { resources } from '../../kube/resources.js';
import { REVERIFY_ANNOTATION } from '../../model/annotations.js';
import type { PromotionStatus, Stage } from '../../model/kargo.js';

/** The reverify request to put on the Stage, or undefined when this was not a re-promotion. */
export function reverifyRequest(stage: Stage, result: PromotionStatus): string | undefined {
  if (result.phase !== 'Succeeded') return undefined;
  const current = stage.status?.freightHistory?.[0];
  const latest = current?.verificationHistory?.[0];
  const target = result.freight?.name;
  if (!latest?.id || !target) return undefined;
  const present = Object.values(current?.items ?? {}).some((reference) => reference.name === target);
  return present ? JSON.stringify({ id: latest.id }) : undefined;
}

export async function requestReverification(client: KubeClient, stage: Stage, request: string): Promise<void> {
  const patch = { metadata: { annotations: { [REVERIFY_ANNOTATION]: request } } };
  await client.patch(resources.stage, stage.metadata.name ?? '', patch, stage.metadata.namespace).catch(() => undefined);
}
