// Whether a piece of Freight may be promoted to a Stage, as Kargo's
// Stage.IsFreightAvailable decides it (kargo-semantics.md §2.1, §2.2), returned as
// an explanation rather than a boolean: what matched, what holds per upstream Stage,
// what is missing and what would make the Freight available. Data only: the CLI's
// words for it are in src/explain/availability.ts.

import type { Freight, FreightOrigin, FreightRequest, Stage } from '../model/kargo.js';
import { parseGoDuration } from './duration.js';
import { freightAlias } from './freight-lookup.js';
import { isControlFlowStage, requestFor } from './stage-facts.js';

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
  /** The shortfall, max(0, required − achieved); 0 when no soak is required. */
  soakRemainingMs: number;
  /**
   * The instant the soak will be met by staying put (currentlyIn.since + required):
   * only when verified, still there, and not yet soaked. Can be later than
   * now + soakRemainingMs when an earlier, longer stay is the one recorded.
   */
  soakMetAt?: Date;
  /** Verified and soaked: this upstream alone satisfies its part of the rule. */
  satisfied: boolean;
}

export type AvailabilityRemedy =
  | { kind: 'wait'; upstream: string; remainingMs: number; until: Date }
  | { kind: 'verify'; upstream: string; controlFlow: boolean }
  | { kind: 'soak-impossible'; upstream: string; why: 'control-flow' | 'left-stage' | 'missing-stage' }
  | { kind: 'approve' }
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
  /** Every origin the Stage requests, to say what it would accept. */
  requestedOrigins: FreightOrigin[];
  upstreams: UpstreamStanding[];
  /** For OneOf, the upstream that satisfied the rule. */
  satisfiedBy?: string;
  /** When not available: the earliest instant waiting alone makes it available. */
  eligibleAt?: Date;
  /** When not available: what would make it so, most direct first (approval always last). */
  remedies: AvailabilityRemedy[];
  /** The evaluation instant (context.now), kept for "eligible in …" wording. */
  evaluatedAt: Date;
}

export function explainAvailability(freight: Freight, stage: Stage, context: AvailabilityContext): AvailabilityExplanation {
  const stageName = stage.metadata.name ?? '';
  const approvals = freight.status?.approvedFor ?? {};
  const approved = Object.hasOwn(approvals, stageName);
  const request = requestFor(stage, freight.origin);
  const strategy: EffectiveStrategy = request?.sources.availabilityStrategy === 'All' ? 'All' : 'OneOf';
  const alias = freightAlias(freight);
  const base: AvailabilityExplanation = {
    stage: stageName,
    project: context.project ?? stage.metadata.namespace ?? freight.metadata.namespace ?? '',
    freight: freight.metadata.name ?? '',
    ...(alias ? { freightAlias: alias } : {}),
    ...(freight.origin ? { origin: freight.origin } : {}),
    available: false,
    verdict: 'not-yet',
    ...(request ? { request } : {}),
    strategy,
    ...(approved ? { approvedAt: approvals[stageName]?.approvedAt ?? '' } : {}),
    approvalIgnored: false,
    warehouseMissing: isWarehouseMissing(freight.origin, context),
    requestedOrigins: (stage.spec.requestedFreight ?? []).map((requested) => requested.origin),
    upstreams: [],
    remedies: [],
    evaluatedAt: context.now,
  };

  const stageNamespace = stage.metadata.namespace;
  const freightNamespace = freight.metadata.namespace;
  if (stageNamespace && freightNamespace && stageNamespace !== freightNamespace) {
    return { ...base, verdict: 'different-project' };
  }
  if (!request) {
    return {
      ...base,
      verdict: 'origin-not-requested',
      approvalIgnored: approved,
      remedies: freight.origin ? [{ kind: 'request-origin', origin: freight.origin }] : [],
    };
  }

  const soakRequiredMs = request.sources.requiredSoakTime ? parseGoDuration(request.sources.requiredSoakTime) : undefined;
  const upstreams = (request.sources.stages ?? []).map((upstream) => standingIn(freight, upstream, soakRequiredMs, context));
  const explained = { ...base, upstreams };

  if (approved) return { ...explained, available: true, verdict: 'approved' };
  if (request.sources.direct) return { ...explained, available: true, verdict: 'direct' };
  if (strategy === 'All') {
    if (upstreams.length === 0) return { ...explained, available: true, verdict: 'all-of-none' };
    if (upstreams.every((standing) => standing.satisfied)) return { ...explained, available: true, verdict: 'upstream' };
  } else {
    const satisfying = upstreams.find((standing) => standing.satisfied);
    if (satisfying) return { ...explained, available: true, verdict: 'upstream', satisfiedBy: satisfying.stage };
  }
  return withRemedies(explained, context.now);
}

function isWarehouseMissing(origin: FreightOrigin | undefined, context: AvailabilityContext): boolean {
  return !!origin && origin.kind === 'Warehouse' && !!context.warehouseNames && !context.warehouseNames.has(origin.name);
}

function standingIn(freight: Freight, upstream: string, soakRequiredMs: number | undefined, context: AvailabilityContext): UpstreamStanding {
  const verification = freight.status?.verifiedIn?.[upstream];
  const verified = verification !== undefined && verification !== null;
  const since = freight.status?.currentlyIn?.[upstream]?.since;
  const upstreamStage = context.stagesByName?.get(upstream);
  const missing = !!context.stagesByName && !upstreamStage;
  const controlFlow = !!upstreamStage && isControlFlowStage(upstreamStage);

  let soakAchievedMs = 0;
  if (verified) {
    const recorded = verification.longestSoak ? parseGoDuration(verification.longestSoak) : 0;
    const current = since ? Math.max(0, context.now.getTime() - Date.parse(since)) : 0;
    soakAchievedMs = Math.max(recorded, current);
  }
  const soakRemainingMs = soakRequiredMs === undefined ? 0 : Math.max(0, soakRequiredMs - soakAchievedMs);
  const soaked = soakRequiredMs === undefined || soakAchievedMs >= soakRequiredMs;
  const soakMetAt = verified && !soaked && since && soakRequiredMs !== undefined ? new Date(Date.parse(since) + soakRequiredMs) : undefined;

  return {
    stage: upstream,
    missing,
    controlFlow,
    verified,
    ...(verified && verification.verifiedAt ? { verifiedAt: verification.verifiedAt } : {}),
    ...(since ? { currentlySince: since } : {}),
    ...(soakRequiredMs !== undefined ? { soakRequiredMs } : {}),
    soakAchievedMs,
    soakRemainingMs,
    ...(soakMetAt ? { soakMetAt } : {}),
    satisfied: verified && soaked,
  };
}

function withRemedies(explanation: AvailabilityExplanation, now: Date): AvailabilityExplanation {
  const unsatisfied = explanation.upstreams.filter((standing) => !standing.satisfied);
  const remedies: AvailabilityRemedy[] = unsatisfied.map((standing) => remedyFor(standing, now));
  remedies.sort((a, b) => remedyRank(a) - remedyRank(b) || waitOf(a) - waitOf(b));

  const waits = remedies.filter((remedy): remedy is Extract<AvailabilityRemedy, { kind: 'wait' }> => remedy.kind === 'wait');
  let eligibleAt: Date | undefined;
  if (explanation.strategy === 'All') {
    // Every unsatisfied upstream must come good by waiting alone.
    if (unsatisfied.length > 0 && waits.length === unsatisfied.length) eligibleAt = new Date(Math.max(...waits.map((wait) => wait.until.getTime())));
  } else if (waits.length > 0) {
    eligibleAt = new Date(Math.min(...waits.map((wait) => wait.until.getTime())));
  }

  remedies.push({ kind: 'approve' });
  return { ...explanation, remedies, ...(eligibleAt ? { eligibleAt } : {}) };
}

function remedyFor(standing: UpstreamStanding, now: Date): AvailabilityRemedy {
  if (standing.missing) return { kind: 'soak-impossible', upstream: standing.stage, why: 'missing-stage' };
  if (!standing.verified) return { kind: 'verify', upstream: standing.stage, controlFlow: standing.controlFlow };
  if (standing.soakMetAt) {
    return { kind: 'wait', upstream: standing.stage, remainingMs: Math.max(0, standing.soakMetAt.getTime() - now.getTime()), until: standing.soakMetAt };
  }
  return { kind: 'soak-impossible', upstream: standing.stage, why: standing.controlFlow ? 'control-flow' : 'left-stage' };
}

function remedyRank(remedy: AvailabilityRemedy): number {
  return { wait: 0, verify: 1, 'soak-impossible': 2, 'request-origin': 3, approve: 4 }[remedy.kind];
}

function waitOf(remedy: AvailabilityRemedy): number {
  return remedy.kind === 'wait' ? remedy.remainingMs : 0;
}
