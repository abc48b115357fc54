// Whether a piece of Freight may be promoted to a Stage, as Kargo's
// Stage.IsFreightAvailable decides it (kargo-semantics.md §2.1, §2.2), returned as
// an explanation rather than a boolean: what matched, what holds per upstream Stage,
// what is missing and what would make the Freight available.

import type { Freight, FreightOrigin, FreightRequest, Stage } from '../model/kargo.js';

export interface AvailabilityContext {
  now: Date;
  /** Stages of the project by name: notices control-flow and missing upstream Stages. */
  stagesByName?: ReadonlyMap<string, Stage>;
  /** Names of the project's Warehouses: notices a requested Warehouse that no longer exists. */
  warehouseNames?: ReadonlySet<string>;
  /** Project (namespace) name for the suggested `kargo approve` command; defaults to the Stage's namespace. */
  project?: string;
}

export type EffectiveStrategy = 'OneOf' | 'All';

/** How the Freight became available, or why it is not. */
export type AvailabilityVerdict =
  | 'approved' // status.approvedFor[stage] for a requested origin
  | 'direct' // sources.direct
  | 'upstream' // verified (and soaked) in the upstream Stage(s) the strategy needs
  | 'all-of-none' // availabilityStrategy All with no upstream Stages: vacuously available
  | 'origin-not-requested'
  | 'different-project'
  | 'not-yet'; // requested origin, but upstream verification/soak is missing

export interface UpstreamStanding {
  stage: string;
  /** The upstream Stage is absent from `stagesByName` (only known when the map is given). */
  missing: boolean;
  /** The upstream Stage has no promotion steps: it verifies Freight but never sets currentlyIn. */
  controlFlow: boolean;
  verified: boolean;
  verifiedAt?: string;
  /** currentlyIn[stage].since when the Freight is in that Stage now. */
  currentlySince?: string;
  /** requiredSoakTime in ms; undefined when no soak is required. */
  soakRequiredMs?: number;
  /** Longest continuous stay counted by Kargo (0 when not verified). */
  soakAchievedMs: number;
  /** max(0, required − achieved); 0 when no soak is required. */
  soakRemainingMs: number;
  /** The instant the soak will be met by staying put; only when verified, still there, and short. */
  soakMetAt?: Date;
  /** Verified and soaked: this upstream alone satisfies its part of the rule. */
  satisfied: boolean;
}

export type AvailabilityRemedy =
  | { kind: 'wait'; upstream: string; remainingMs: number; until: Date }
  | { kind: 'verify'; upstream: string }
  | { kind: 'soak-impossible'; upstream: string; why: 'control-flow' | 'left-stage' }
  | { kind: 'approve'; command: string }
  | { kind: 'request-origin'; origin: FreightOrigin };

export interface AvailabilityExplanation {
  stage: string;
  project: string;
  freight: string;
  freightAlias?: string;
  origin?: FreightOrigin;
  available: boolean;
  verdict: AvailabilityVerdict;
  /** The requestedFreight entry whose origin matched the Freight's origin. */
  request?: FreightRequest;
  strategy: EffectiveStrategy;
  /** approvedFor[stage].approvedAt, also when the approval does not count (origin not requested). */
  approvedAt?: string;
  /** Approval exists but is ignored because the origin is not requested (v1.11 behaviour). */
  approvalIgnored: boolean;
  /** The requested Warehouse is absent from `warehouseNames` (only known when the set is given). */
  warehouseMissing: boolean;
  upstreams: UpstreamStanding[];
  /** For OneOf, the upstream that satisfied the rule. */
  satisfiedBy?: string;
  /** When not available: the earliest instant waiting alone makes it available. */
  eligibleAt?: Date;
  /** When not available: what would make it so, most direct first (approval always last). */
  remedies: AvailabilityRemedy[];
}

export function explainAvailability(freight: Freight, stage: Stage, context: AvailabilityContext): AvailabilityExplanation {
  throw new Error(`not implemented: ${freight.metadata.name} ${stage.metadata.name} ${context.now.toISOString()}`);
}

/** The short REASON words of `kargo get freight --stage` (e.g. `verified in staging-us, soaked 1h12m/2h — eligible in 48m`). */
export function summarizeAvailability(explanation: AvailabilityExplanation): string {
  throw new Error(`not implemented: ${explanation.freight}`);
}

/** A multi-line refusal for `kargo promote`: what is missing per upstream and what to do next. */
export function describeRefusal(explanation: AvailabilityExplanation): string {
  throw new Error(`not implemented: ${explanation.freight}`);
}
