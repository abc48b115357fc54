// Promotion phase facts shared by everything that waits on or reports a Promotion.

import type { PromotionPhase } from '../model/kargo.js';

const TERMINAL_PROMOTION: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'Errored', 'Aborted']);

export function isTerminalPromotionPhase(phase: PromotionPhase | '' | undefined): phase is 'Succeeded' | 'Failed' | 'Errored' | 'Aborted' {
  return phase !== undefined && TERMINAL_PROMOTION.has(phase);
}
