// The auto-promotion candidate for one origin of a Stage, which `promote --warehouse`
// promotes (kargo-semantics.md §2.4, §2.5): the newest Freight of Kargo's
// "available Freight" list for that origin, with MatchUpstream's extra rules.
//
// That list is not §2.1's per-Freight rule: with a requiredSoakTime, OneOf accepts a
// soak in any Stage the Freight is verified in, and All requires the set of Stages
// where it is verified and soaked to equal the upstream set exactly (§10 #7).

import type { Freight, FreightOrigin, FreightRequest, Stage } from '../model/kargo.js';
import { parseGoDuration } from './duration.js';
import { newestFirst } from './freight-lookup.js';
import { requestFor, sameOrigin } from './stage-facts.js';

export type AutoPromotionOutcome =
  | { kind: 'candidate'; freight: Freight; considered: Freight[] }
  | {
      kind: 'none';
      reason: 'origin-not-requested' | 'warehouse-not-found' | 'no-available-freight' | 'match-upstream-ambiguous';
      message: string;
      considered: Freight[];
    };

export interface AutoPromotionOptions {
  /** Names of the project's Warehouses: Kargo finds no candidate when the origin's Warehouse is gone. */
  warehouseNames?: ReadonlySet<string>;
}

export function autoPromotionCandidate(
  stage: Stage,
  origin: FreightOrigin,
  freight: Freight[],
  now: Date,
  options: AutoPromotionOptions = {},
): AutoPromotionOutcome {
  const stageName = stage.metadata.name ?? '';
  const key = `${origin.kind}/${origin.name}`;
  const request = requestFor(stage, origin);
  if (!request) {
    return { kind: 'none', reason: 'origin-not-requested', message: `Stage "${stageName}" does not request Freight from ${key}`, considered: [] };
  }
  if (options.warehouseNames && !options.warehouseNames.has(origin.name)) {
    return {
      kind: 'none',
      reason: 'warehouse-not-found',
      message: `Warehouse "${origin.name}" not found in namespace "${stage.metadata.namespace ?? ''}"`,
      considered: [],
    };
  }
  const available = newestFirst(freight.filter((item) => sameOrigin(item.origin, origin) && listedAsAvailable(item, stageName, request, now)));
  const [newest] = available;
  if (!newest) {
    return { kind: 'none', reason: 'no-available-freight', message: `no Freight from ${key} is available to Stage "${stageName}"`, considered: [] };
  }
  if (request.sources.autoPromotionOptions?.selectionPolicy === 'MatchUpstream' && available.length > 1) {
    return {
      kind: 'none',
      reason: 'match-upstream-ambiguous',
      message: `${available.length} Freight from ${key} qualify under selectionPolicy MatchUpstream for Stage "${stageName}", so Kargo picks none`,
      considered: available,
    };
  }
  return { kind: 'candidate', freight: newest, considered: available };
}

/** Is `freight` (of the request's origin) on Kargo's "available Freight" list of the Stage (§2.4)? */
export function listedAsAvailable(freight: Freight, stageName: string, request: FreightRequest, now: Date): boolean {
  if (request.sources.direct) return true;
  const upstreams = request.sources.stages ?? [];
  const status = freight.status ?? {};
  if (request.sources.autoPromotionOptions?.selectionPolicy === 'MatchUpstream') {
    const [upstream] = upstreams;
    if (!upstream || !Object.hasOwn(status.currentlyIn ?? {}, upstream)) return false;
  }

  const approved = Object.hasOwn(status.approvedFor ?? {}, stageName);
  const verifiedIn = status.verifiedIn ?? {};
  const verifiedUpstream =
    request.sources.availabilityStrategy === 'All' ? upstreams.every((u) => Object.hasOwn(verifiedIn, u)) : upstreams.some((u) => Object.hasOwn(verifiedIn, u));
  if (!approved && !verifiedUpstream) return false;

  const soak = request.sources.requiredSoakTime;
  if (!soak || approved || upstreams.length === 0) return true;
  const required = parseGoDuration(soak);
  const soakedIn = Object.keys(verifiedIn).filter((verifiedStage) => longestSoak(freight, verifiedStage, now) >= required);
  if (request.sources.availabilityStrategy === 'All') {
    return soakedIn.length === new Set(upstreams).size && upstreams.every((u) => soakedIn.includes(u));
  }
  return soakedIn.length > 0;
}

function longestSoak(freight: Freight, stage: string, now: Date): number {
  const recorded = freight.status?.verifiedIn?.[stage]?.longestSoak;
  const since = freight.status?.currentlyIn?.[stage]?.since;
  return Math.max(recorded ? parseGoDuration(recorded) : 0, since ? now.getTime() - Date.parse(since) : 0);
}
