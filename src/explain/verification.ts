// The CLI's words for what `kargo verify` may do (src/rules/verification.ts).

import type { VerificationActionDecision, VerificationCaveat } from '../rules/verification.js';

type Refusal = Extract<VerificationActionDecision, { allowed: false }>;

export function verificationRefusalWords(refusal: Refusal): string {
  const { stage, latest } = refusal;
  switch (refusal.reason) {
    case 'no-current-freight':
      return `Stage "${stage}" has no current freight; promote Freight to it first`;
    case 'no-verification':
      return `Stage "${stage}" has no verification of its current freight yet (verification starts once the Stage is Healthy)`;
    case 'no-verification-id':
      return `the current verification of Stage "${stage}" has no ID`;
    case 'still-running':
      return `verification ${latest?.id ?? ''} of Stage "${stage}" is still ${latest?.phase || 'Pending'}; wait for it to finish, or abort it with: kargo verify stage ${stage} --abort`;
    case 'already-finished':
      return `verification ${latest?.id ? `${latest.id} ` : ''}of Stage "${stage}" already finished (${latest?.phase ?? ''}); there is nothing to abort`;
  }
}

export function verificationCaveatWords(caveat: VerificationCaveat): string {
  switch (caveat.kind) {
    case 'promotion-in-progress':
      return `Promotion ${caveat.promotion} is in progress; Kargo re-verifies only once it is done and the Stage is Healthy`;
    case 'not-healthy':
      return `Stage "${caveat.stage}" is ${caveat.health ?? 'not yet assessed for health'}; Kargo re-verifies only once it is Healthy`;
    case 'no-analysis-run':
      return 'the verification has no AnalysisRun yet; Kargo records the abort as an Error';
  }
}
