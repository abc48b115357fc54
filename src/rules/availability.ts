// Whether a piece of Freight may be promoted to a Stage, as Kargo's
// Stage.IsFreightAvailable decides it (kargo-semantics.md §2.1, §2.2), returned as
// an explanation rather than a boolean: what matched, what holds per upstream Stage,
// what is missing and what would make the Freight available.

import { type Freight, type FreightOrigin, type FreightRequest, type Stage, originKey } from '../model/kargo.js';
import { formatSoak, parseGoDuration } from './duration.js';
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

  remedies.push({ kind: 'approve', command: approveCommand(explanation) });
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

function approveCommand(explanation: AvailabilityExplanation): string {
  const project = explanation.project ? ` --project ${explanation.project}` : '';
  return `kargo approve --freight ${explanation.freightAlias ?? explanation.freight} --stage ${explanation.stage}${project}`;
}

/** The short REASON words of `kargo get freight --stage` (e.g. `verified in staging-us, soaked 1h12m/2h — eligible in 48m`). */
export function summarizeAvailability(explanation: AvailabilityExplanation): string {
  const note = explanation.warehouseMissing && explanation.origin ? ` (Warehouse ${explanation.origin.name} not found)` : '';
  return summaryWords(explanation) + note;
}

function summaryWords(explanation: AvailabilityExplanation): string {
  switch (explanation.verdict) {
    case 'approved':
      return 'approved';
    case 'direct':
      return 'direct';
    case 'all-of-none':
      return 'no upstream Stages listed (availabilityStrategy All)';
    case 'origin-not-requested':
      return explanation.approvalIgnored ? 'origin not requested (approval ignored)' : 'origin not requested';
    case 'different-project':
      return 'Freight of another project';
    case 'upstream': {
      const shown = explanation.satisfiedBy ? explanation.upstreams.filter((standing) => standing.stage === explanation.satisfiedBy) : explanation.upstreams;
      if (explanation.request?.sources.requiredSoakTime === undefined) return `verified in ${shown.map((standing) => standing.stage).join(', ')}`;
      return shown.map(verifiedWords).join('; ');
    }
    case 'not-yet':
      return notYetWords(explanation);
  }
}

function verifiedWords(standing: UpstreamStanding): string {
  const soak = standing.soakRequiredMs === undefined ? '' : `, soaked ${formatSoak(standing.soakAchievedMs)}/${formatSoak(standing.soakRequiredMs)}`;
  return `verified in ${standing.stage}${soak}`;
}

function notYetWords(explanation: AvailabilityExplanation): string {
  const strategySuffix = explanation.strategy === 'All' ? ' (availabilityStrategy All)' : '';
  if (explanation.upstreams.length === 0) return 'no direct or upstream source';
  const now = explanation.evaluatedAt.getTime();

  if (explanation.strategy === 'OneOf') {
    const closest = explanation.remedies.find((remedy) => remedy.kind === 'wait');
    if (closest) return `${verifiedWords(standingOf(explanation, closest.upstream))} — eligible in ${formatWait(closest.until.getTime() - now)}`;
    const stuck = explanation.upstreams.find((standing) => standing.verified);
    if (stuck) return `${verifiedWords(stuck)} — ${stuckWords(stuck)}`;
    return `not verified in ${orList(explanation.upstreams.map((standing) => standing.stage))}`;
  }

  const unverified = explanation.upstreams.filter((standing) => !standing.verified && !standing.missing).map((standing) => standing.stage);
  const parts: string[] = [];
  if (unverified.length > 0) parts.push(`not verified in ${unverified.join(', ')}`);
  for (const standing of explanation.upstreams) {
    if (standing.missing) parts.push(`Stage ${standing.stage} not found`);
    else if (standing.verified && !standing.satisfied) {
      const wait = standing.soakMetAt ? `eligible in ${formatWait(standing.soakMetAt.getTime() - now)}` : stuckWords(standing);
      parts.push(`${verifiedWords(standing)} — ${wait}`);
    }
  }
  return parts.join('; ') + strategySuffix;
}

function stuckWords(standing: UpstreamStanding): string {
  return standing.controlFlow ? 'control-flow Stage, soak never accrues' : `no longer in ${standing.stage}, soak cannot grow`;
}

function standingOf(explanation: AvailabilityExplanation, upstream: string): UpstreamStanding {
  const standing = explanation.upstreams.find((candidate) => candidate.stage === upstream);
  if (!standing) throw new Error(`no standing for upstream ${upstream}`);
  return standing;
}

/** A remaining wait, rounded up to the second so "eligible in 0s" never shows while still short. */
function formatWait(milliseconds: number): string {
  return formatSoak(Math.ceil(Math.max(0, milliseconds) / 1000) * 1000);
}

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** A multi-line refusal for `kargo promote`: what is missing per upstream and what to do next. */
export function describeRefusal(explanation: AvailabilityExplanation): string {
  const who = explanation.freightAlias ? `Freight ${explanation.freightAlias} (${explanation.freight})` : `Freight ${explanation.freight}`;
  if (explanation.available) return `${who} is available to Stage "${explanation.stage}": ${summarizeAvailability(explanation)}.`;
  const lines = [`${who} is not available to Stage "${explanation.stage}".`];
  const now = explanation.evaluatedAt.getTime();

  if (explanation.verdict === 'different-project') {
    lines.push('  The Freight and the Stage belong to different projects.');
    return lines.join('\n');
  }
  if (explanation.verdict === 'origin-not-requested') {
    const origin = explanation.origin ? originKey(explanation.origin) : 'an unknown origin';
    lines.push(`  The Freight comes from ${origin}, which Stage "${explanation.stage}" does not request (spec.requestedFreight).`);
    if (explanation.approvalIgnored) {
      lines.push(`  It is approved for "${explanation.stage}", but since Kargo v1.11 an approval only counts for a requested origin.`);
    }
    lines.push(`  Only Freight from ${requestedOrigins(explanation)} can be promoted to "${explanation.stage}".`);
    return lines.join('\n');
  }

  const request = explanation.request;
  const origin = explanation.origin ? originKey(explanation.origin) : 'its origin';
  const soak = request?.sources.requiredSoakTime;
  const names = explanation.upstreams.map((standing) => standing.stage);
  if (names.length === 0) {
    lines.push(`  Stage "${explanation.stage}" requests ${origin} with direct: false and no upstream Stages, so only an approval can make Freight available.`);
  } else if (names.length === 1) {
    lines.push(`  Stage "${explanation.stage}" requests ${origin} verified in ${names[0]}${soak ? `, soaked ${soak} there` : ''}.`);
  } else if (explanation.strategy === 'All') {
    lines.push(`  Stage "${explanation.stage}" requests ${origin} verified in every one of ${names.join(', ')} (availabilityStrategy All)${soak ? `, soaked ${soak} in each` : ''}.`);
  } else {
    const defaulted = request?.sources.availabilityStrategy === 'OneOf' ? '' : ', the default';
    lines.push(`  Stage "${explanation.stage}" requests ${origin} verified in any one of ${names.join(', ')} (availabilityStrategy OneOf${defaulted})${soak ? `, soaked ${soak} in that same Stage` : ''}.`);
  }
  for (const standing of explanation.upstreams) lines.push(`  - ${standing.stage}: ${standingWords(standing, now)}`);
  if (explanation.warehouseMissing && explanation.origin) lines.push(`  Note: Warehouse "${explanation.origin.name}" no longer exists.`);

  const actions = explanation.remedies.filter((remedy) => remedy.kind !== 'approve' && !(remedy.kind === 'soak-impossible' && remedy.why === 'control-flow'));
  const approval = explanation.remedies.find((remedy) => remedy.kind === 'approve');
  if (explanation.strategy === 'All' && actions.length > 1) {
    lines.push('To make it available, either all of:');
    for (const remedy of actions) lines.push(`  - ${remedyWords(remedy, now)}`);
    if (approval) lines.push(`or ${remedyWords(approval, now)}`);
  } else {
    const options = approval ? [...actions, approval] : actions;
    lines.push(options.length > 1 ? 'To make it available, any one of:' : 'To make it available:');
    for (const remedy of options) lines.push(`  - ${remedyWords(remedy, now)}`);
  }
  return lines.join('\n');
}

function requestedOrigins(explanation: AvailabilityExplanation): string {
  const origins = explanation.requestedOrigins.map(originKey);
  return origins.length === 0 ? 'no origin (it requests none)' : origins.join(', ');
}

function standingWords(standing: UpstreamStanding, now: number): string {
  if (standing.missing) return 'no such Stage in the project';
  if (!standing.verified) return standing.controlFlow ? 'not verified (a control-flow Stage: it marks Freight verified once the Freight is available to it)' : 'not verified';
  const verified = standing.verifiedAt ? `verified at ${standing.verifiedAt}` : 'verified';
  if (standing.soakRequiredMs === undefined) return verified;
  const figures = `${verified}, soaked ${formatSoak(standing.soakAchievedMs)} of ${formatSoak(standing.soakRequiredMs)}`;
  if (standing.satisfied) return figures;
  if (standing.soakMetAt) return `${figures}; soak met in ${formatWait(standing.soakMetAt.getTime() - now)} (at ${timestamp(standing.soakMetAt)})`;
  return `${figures}; ${standing.controlFlow ? 'a control-flow Stage never records a stay, so its soak never accrues' : stuckWords(standing)}`;
}

/** RFC 3339 at second precision, as Kubernetes timestamps read. */
function timestamp(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

function remedyWords(remedy: AvailabilityRemedy, now: number): string {
  switch (remedy.kind) {
    case 'wait':
      return `wait ${formatWait(remedy.until.getTime() - now)} (until ${timestamp(remedy.until)}) for the soak in ${remedy.upstream}`;
    case 'verify':
      return remedy.controlFlow
        ? `make it available to ${remedy.upstream}, a control-flow Stage that marks available Freight verified at once`
        : `promote it to ${remedy.upstream} and let it verify there`;
    case 'soak-impossible':
      return remedy.why === 'missing-stage'
        ? `create the upstream Stage ${remedy.upstream} (it is listed in spec.requestedFreight but does not exist)`
        : remedy.why === 'control-flow'
          ? `nothing in ${remedy.upstream}: a control-flow Stage never records a stay, so its soak can never be met`
          : `promote it to ${remedy.upstream} again and let it stay for the soak time (its earlier stay was too short)`;
    case 'request-origin':
      return `add ${originKey(remedy.origin)} to the Stage's spec.requestedFreight`;
    case 'approve':
      return `approve it for the Stage (bypasses verification and soak): ${remedy.command}`;
  }
}
