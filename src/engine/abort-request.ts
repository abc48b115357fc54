// Kargo's abort annotation on a Promotion: `kargo.akuity.io/abort` holding
// `{"action":"terminate","actor":"…"}` (the webhook's rewrite) or the bare
// word `terminate` (what a user writes).

import { ABORT_ANNOTATION } from '../model/annotations.js';
import type { Promotion } from '../model/kargo.js';

export interface AbortRequest {
  action: string;
  actor?: string;
}

export function abortRequestOf(promotion: Promotion): AbortRequest | undefined {
  const value = promotion.metadata.annotations?.[ABORT_ANNOTATION];
  if (value === undefined || value === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null) {
      const { action, actor } = parsed as Record<string, unknown>;
      if (typeof action === 'string') return { action, ...(typeof actor === 'string' && actor ? { actor } : {}) };
    }
  } catch {
    // Not JSON: the bare action word.
  }
  return { action: value };
}

/** Kargo's message for a terminated Promotion. */
export function terminationMessage(actor: string | undefined): string {
  return actor ? `Promotion terminated by ${actor}` : 'Promotion terminated per user request';
}

/**
 * The reason to abort a running Promotion's signal with, so the runner words
 * the outcome as a termination rather than a cancellation.
 */
export class PromotionTermination extends Error {
  override readonly name = 'PromotionTermination';

  constructor(readonly actor?: string) {
    super(terminationMessage(actor));
  }
}
