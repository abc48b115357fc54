// `kargo get freight --stage S -o json|yaml|jsonpath…`: each item stays the real
// Freight, with the availability decision the table shows added under
// `status.kargoCli.availability` (a field no Kargo controller writes, so it cannot
// be mistaken for cluster state). The shape is documented in README and stable:
// fields may be added, never renamed or removed.

import { describeRefusal, remedyWords, summarizeAvailability } from '../explain/availability.js';
import type { Freight } from '../model/kargo.js';
import type { AvailabilityExplanation, AvailabilityRemedy, UpstreamStanding } from '../rules/availability.js';

export interface AvailabilityDocument {
  stage: string;
  /** RFC 3339: the instant the rules were evaluated at (soak figures are as of then). */
  evaluatedAt: string;
  available: boolean;
  /** approved | direct | upstream | all-of-none | origin-not-requested | different-project | not-yet */
  verdict: string;
  /** The REASON column's words. */
  reason: string;
  /** What `kargo promote` would say: the refusal with every way out, or why it is available. */
  message: string;
  /** Not available: when waiting alone makes it available. */
  eligibleAt?: string;
  /** Not available: the longest soak still to wait in the upstream that decides, in seconds (0: waiting is not enough or no soak). */
  soakRemainingSeconds?: number;
  upstreams: UpstreamDocument[];
  /** Not available: what would unblock it, most direct first, approval last. */
  unblock: RemedyDocument[];
}

export interface UpstreamDocument {
  stage: string;
  missing: boolean;
  verified: boolean;
  verifiedAt?: string;
  soakRequiredSeconds?: number;
  soakAchievedSeconds: number;
  soakRemainingSeconds: number;
  satisfied: boolean;
}

export interface RemedyDocument {
  /** wait | verify | soak-impossible | request-origin | approve */
  kind: AvailabilityRemedy['kind'];
  upstream?: string;
  /** kind wait: RFC 3339 instant the soak is met. */
  until?: string;
  /** kind approve: the command that would do it. */
  command?: string;
  description: string;
}

export interface FreightDecision {
  freight: Freight;
  explanation: AvailabilityExplanation;
}

export function freightWithAvailability({ freight, explanation }: FreightDecision): Freight {
  const status = (freight.status ?? {}) as Record<string, unknown>;
  const kargoCli = { ...((status.kargoCli as Record<string, unknown> | undefined) ?? {}), availability: availabilityDocument(explanation) };
  return { ...freight, status: { ...status, kargoCli } } as Freight;
}

export function availabilityDocument(explanation: AvailabilityExplanation): AvailabilityDocument {
  const now = explanation.evaluatedAt.getTime();
  const waits = explanation.remedies.filter((remedy) => remedy.kind === 'wait');
  return {
    stage: explanation.stage,
    evaluatedAt: timestamp(explanation.evaluatedAt),
    available: explanation.available,
    verdict: explanation.verdict,
    reason: summarizeAvailability(explanation),
    message: describeRefusal(explanation),
    ...(explanation.eligibleAt ? { eligibleAt: timestamp(explanation.eligibleAt) } : {}),
    ...(explanation.available ? {} : { soakRemainingSeconds: seconds(Math.max(0, ...waits.map((remedy) => remedy.remainingMs))) }),
    upstreams: explanation.upstreams.map(upstreamDocument),
    unblock: explanation.available ? [] : explanation.remedies.map((remedy) => remedyDocument(remedy, explanation, now)),
  };
}

function upstreamDocument(standing: UpstreamStanding): UpstreamDocument {
  return {
    stage: standing.stage,
    missing: standing.missing,
    verified: standing.verified,
    ...(standing.verifiedAt ? { verifiedAt: standing.verifiedAt } : {}),
    ...(standing.soakRequiredMs !== undefined ? { soakRequiredSeconds: seconds(standing.soakRequiredMs) } : {}),
    soakAchievedSeconds: Math.floor(standing.soakAchievedMs / 1000),
    soakRemainingSeconds: seconds(standing.soakRemainingMs),
    satisfied: standing.satisfied,
  };
}

function remedyDocument(remedy: AvailabilityRemedy, explanation: AvailabilityExplanation, now: number): RemedyDocument {
  const description = remedyWords(remedy, explanation, now);
  return {
    kind: remedy.kind,
    ...('upstream' in remedy ? { upstream: remedy.upstream } : {}),
    ...(remedy.kind === 'wait' ? { until: timestamp(remedy.until) } : {}),
    ...(remedy.kind === 'approve' ? { command: description.slice(description.indexOf('kargo approve')) } : {}),
    description,
  };
}

/** Whole seconds, rounded up so a wait never reads 0 while still short. */
function seconds(milliseconds: number): number {
  return Math.ceil(Math.max(0, milliseconds) / 1000);
}

function timestamp(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/u, 'Z');
}
