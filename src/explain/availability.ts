// The CLI's words for an availability decision (src/rules/availability.ts): the
// REASON column of `kargo get freight --stage`, and the refusal `kargo promote`
// prints, with what to do next. A controller records the decision, not these words.

import type { AvailabilityExplanation, AvailabilityRemedy, UpstreamStanding } from '../rules/availability.js';
import { originKey } from '../model/kargo.js';
import { formatSoak } from '../rules/duration.js';

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
    lines.push(
      `  Stage "${explanation.stage}" requests ${origin} verified in every one of ${names.join(', ')} (availabilityStrategy All)${soak ? `, soaked ${soak} in each` : ''}.`,
    );
  } else {
    const defaulted = request?.sources.availabilityStrategy === 'OneOf' ? '' : ', the default';
    lines.push(
      `  Stage "${explanation.stage}" requests ${origin} verified in any one of ${names.join(', ')} (availabilityStrategy OneOf${defaulted})${soak ? `, soaked ${soak} in that same Stage` : ''}.`,
    );
  }
  for (const standing of explanation.upstreams) lines.push(`  - ${standing.stage}: ${standingWords(standing, now)}`);
  if (explanation.warehouseMissing && explanation.origin) lines.push(`  Note: Warehouse "${explanation.origin.name}" no longer exists.`);

  const actions = explanation.remedies.filter((remedy) => remedy.kind !== 'approve' && !(remedy.kind === 'soak-impossible' && remedy.why === 'control-flow'));
  const approval = explanation.remedies.find((remedy) => remedy.kind === 'approve');
  if (explanation.strategy === 'All' && actions.length > 1) {
    lines.push('To make it available, either all of:');
    for (const remedy of actions) lines.push(`  - ${remedyWords(remedy, explanation, now)}`);
    if (approval) lines.push(`or ${remedyWords(approval, explanation, now)}`);
  } else {
    const options = approval ? [...actions, approval] : actions;
    lines.push(options.length > 1 ? 'To make it available, any one of:' : 'To make it available:');
    for (const remedy of options) lines.push(`  - ${remedyWords(remedy, explanation, now)}`);
  }
  return lines.join('\n');
}

function requestedOrigins(explanation: AvailabilityExplanation): string {
  const origins = explanation.requestedOrigins.map(originKey);
  return origins.length === 0 ? 'no origin (it requests none)' : origins.join(', ');
}

function standingWords(standing: UpstreamStanding, now: number): string {
  if (standing.missing) return 'no such Stage in the project';
  if (!standing.verified)
    return standing.controlFlow ? 'not verified (a control-flow Stage: it marks Freight verified once the Freight is available to it)' : 'not verified';
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

/** What one remedy asks for, as `kargo promote` lists it under "To make it available". */
export function remedyWords(remedy: AvailabilityRemedy, explanation: AvailabilityExplanation, now: number): string {
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
      return `approve it for the Stage (bypasses verification and soak): ${approveCommand(explanation)}`;
  }
}
