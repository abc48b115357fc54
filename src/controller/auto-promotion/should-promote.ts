// Kargo's checks before auto-promoting a candidate (autoPromoteFreight): not
// already current, no Promotion for it still in flight or succeeded but not yet
// recorded, and the newest finished one for it not a failure (no endless retry).

import type { FreightCollection, Promotion } from '../../model/kargo.js';
import { isTerminalPromotionPhase } from '../../model/phases.js';

export function isCurrent(current: FreightCollection | undefined, freightName: string): boolean {
  return Object.values(current?.items ?? {}).some((item) => item.name === freightName);
}

/** `promotions` are the Stage's; `recorded` the names its status has taken in (current/last Promotion). */
export function promotionBlocks(promotions: readonly Promotion[], freightName: string, recorded: ReadonlySet<string>): boolean {
  const forFreight = promotions.filter((promotion) => promotion.spec.freight === freightName);
  const unprocessed = forFreight.some(
    (promotion) =>
      !isTerminalPromotionPhase(promotion.status?.phase) || (promotion.status?.phase === 'Succeeded' && !recorded.has(promotion.metadata.name ?? '')),
  );
  if (unprocessed) return true;
  // Promotion names sort by their ULID, so the greatest is the newest.
  const newest = [...forFreight].sort((a, b) => (b.metadata.name ?? '').localeCompare(a.metadata.name ?? ''))[0];
  return newest !== undefined && newest.status?.phase !== 'Succeeded';
}
