// Kargo's checks before auto-promoting a candidate (autoPromoteFreight): not
// already current nor the Promotion in progress, no Promotion for it still in
// flight or succeeded after the Stage's last recorded one, and the newest
// finished one for it not a failure (so a failed auto-promotion is not retried).

import type { FreightCollection, FreightOrigin, Promotion, StageStatus } from '../../model/kargo.js';
import { isTerminalPromotionPhase } from '../../model/phases.js';
import { sameOrigin } from '../../rules/stage-facts.js';
import { compareStrings } from '../../runtime/compare-strings.js';

export function hasOrAwaits(status: StageStatus, origin: FreightOrigin, freightName: string): boolean {
  const current: FreightCollection | undefined = status.freightHistory?.[0];
  const has = Object.values(current?.items ?? {}).some((item) => item.name === freightName && sameOrigin(item.origin, origin));
  const incoming = status.currentPromotion?.freight;
  return has || (incoming?.name === freightName && sameOrigin(incoming.origin, origin));
}

/** `promotions` are the Stage's; `lastPromotion` the name of the last one its status recorded. */
export function promotionBlocks(promotions: readonly Promotion[], freightName: string, lastPromotion: string | undefined): boolean {
  const forFreight = promotions.filter((promotion) => promotion.spec.freight === freightName);
  const unprocessed = forFreight.some((promotion) => {
    const phase = promotion.status?.phase;
    if (!isTerminalPromotionPhase(phase)) return true;
    return phase === 'Succeeded' && (lastPromotion === undefined || (promotion.metadata.name ?? '') > lastPromotion);
  });
  if (unprocessed) return true;
  const [newest] = forFreight.filter((promotion) => isTerminalPromotionPhase(promotion.status?.phase)).sort(newestFirst);
  return newest !== undefined && newest.status?.phase !== 'Succeeded';
}

function newestFirst(a: Promotion, b: Promotion): number {
  const created = compareStrings(b.metadata.creationTimestamp ?? '', a.metadata.creationTimestamp ?? '');
  return created !== 0 ? created : compareStrings(b.metadata.name ?? '', a.metadata.name ?? '');
}
