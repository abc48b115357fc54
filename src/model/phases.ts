// Which phases are final, for Promotions and for verifications: defined once,
// read by the CLI's waits, the rules and the engine alike.

import type { PromotionPhase, VerificationPhase } from './kargo.js';

export type TerminalPromotionPhase = 'Succeeded' | 'Failed' | 'Errored' | 'Aborted';
const TERMINAL_PROMOTION: ReadonlySet<string> = new Set<TerminalPromotionPhase>(['Succeeded', 'Failed', 'Errored', 'Aborted']);
/** Terminal phases in which the Freight did not arrive. */
const UNSUCCESSFUL_PROMOTION: ReadonlySet<string> = new Set<TerminalPromotionPhase>(['Failed', 'Errored', 'Aborted']);
const TERMINAL_VERIFICATION: ReadonlySet<string> = new Set<VerificationPhase>(['Successful', 'Failed', 'Error', 'Aborted', 'Inconclusive']);

export function isTerminalPromotionPhase(phase: PromotionPhase | '' | undefined): phase is TerminalPromotionPhase {
  return phase !== undefined && TERMINAL_PROMOTION.has(phase);
}

export function isUnsuccessfulPromotionPhase(phase: PromotionPhase | '' | undefined): boolean {
  return phase !== undefined && UNSUCCESSFUL_PROMOTION.has(phase);
}

/** Successful, Failed, Error, Aborted and Inconclusive are final; Pending, Running and '' are not. */
export function isTerminalVerification(phase: VerificationPhase | '' | undefined): boolean {
  return phase !== undefined && TERMINAL_VERIFICATION.has(phase);
}
