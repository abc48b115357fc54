// The order in which a Stage considers its Promotions (kargo-semantics.md §6.1):
// Running first, then other non-terminal ones by the ULID in their names ascending
// (FIFO), then terminal ones by ULID descending (newest first).

import type { Promotion } from '../model/kargo.js';
import { isTerminalPromotionPhase } from '../model/phases.js';

const ULID = /^[0-9a-hjkmnp-tv-z]{26}$/iu;

export function promotionOrder(a: Promotion, b: Promotion): number {
  const rank = phaseRank(a) - phaseRank(b);
  if (rank !== 0) return rank;
  const aName = a.metadata.name ?? '';
  const bName = b.metadata.name ?? '';
  return phaseRank(a) === 2 ? compareByUlid(bName, aName) : compareByUlid(aName, bName);
}

function phaseRank(promotion: Promotion): number {
  const phase = promotion.status?.phase ?? '';
  if (phase === 'Running') return 0;
  return isTerminalPromotionPhase(phase) ? 2 : 1;
}

/** Names carrying a ULID compare by it; names without one sort before those with one. */
function compareByUlid(a: string, b: string): number {
  const aUlid = ulidOf(a);
  const bUlid = ulidOf(b);
  if (aUlid !== undefined && bUlid !== undefined) return compareText(aUlid.toLowerCase(), bUlid.toLowerCase());
  if (aUlid !== undefined) return 1;
  if (bUlid !== undefined) return -1;
  return compareText(a, b);
}

/** The second-to-last dot-separated segment of a generated name, when it is a ULID. */
function ulidOf(name: string): string | undefined {
  const parts = name.split('.');
  const candidate = parts.length >= 3 ? parts[parts.length - 2] : undefined;
  return candidate !== undefined && ULID.test(candidate) ? candidate : undefined;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
