// Which freight collection `kargo rollback` returns a Stage to.
//
// A previous collection qualifies when it was verified in this Stage. The evidence
// used is the collection's own verificationHistory holding a Successful entry: it is
// specific to that combination of Freight (what multi-origin Stages roll back to),
// and the controller records one even for Stages without spec.verification (§5.1
// step 6). Freight `verifiedIn[stage]` is only per piece of Freight and add-only, so
// it is the fallback for an entry that carries no verification history at all.

import type { Freight, FreightCollection, FreightReference, Stage } from '../model/kargo.js';
import { freightAlias, MIN_NAME_PREFIX } from './freight-lookup.js';

export interface RollbackChoice {
  /** freightHistory[0]. */
  from: FreightCollection;
  to: FreightCollection;
  /** Index of `to` in status.freightHistory. */
  historyIndex: number;
  /** Items of `to` that differ from the current collection: one Promotion each. */
  toPromote: FreightReference[];
  verifiedBy: 'verification-history' | 'freight-verified-in' | 'explicit';
}

export class RollbackError extends Error {
  override name = 'RollbackError';
  constructor(
    readonly reason: 'no-current-freight' | 'no-previous-verified' | 'target-not-in-history' | 'target-is-current',
    message: string,
  ) {
    super(message);
  }
}

export interface RollbackOptions {
  /** Explicit target: a Freight name, name prefix, or alias found in the Stage's history. */
  to?: string;
  /** Freight of the project, to read verifiedIn and aliases. */
  freight?: Freight[];
}

export function chooseRollbackTarget(stage: Stage, options: RollbackOptions = {}): RollbackChoice {
  const stageName = stage.metadata.name ?? '';
  const history = stage.status?.freightHistory ?? [];
  const current = history[0];
  if (!current || itemsOf(current).length === 0) {
    throw new RollbackError('no-current-freight', `Stage "${stageName}" has no current freight, so there is nothing to roll back`);
  }
  const freightByName = new Map((options.freight ?? []).map((item) => [item.metadata.name ?? '', item]));

  if (options.to !== undefined) return explicitTarget(stageName, history, current, options.to, freightByName);

  for (let index = 1; index < history.length; index++) {
    const candidate = history[index]!;
    const toPromote = differingItems(current, candidate);
    if (toPromote.length === 0) continue; // the same Freight as now: rolling back to it changes nothing
    const verifiedBy = verificationEvidence(stageName, candidate, freightByName);
    if (verifiedBy) return { from: current, to: candidate, historyIndex: index, toPromote, verifiedBy };
  }
  throw new RollbackError(
    'no-previous-verified',
    history.length <= 1
      ? `Stage "${stageName}" has no earlier freight in its history to roll back to`
      : `none of the ${history.length - 1} earlier freight collections of Stage "${stageName}" was verified there; name one explicitly with --to`,
  );
}

function explicitTarget(
  stageName: string,
  history: FreightCollection[],
  current: FreightCollection,
  wanted: string,
  freightByName: Map<string, Freight>,
): RollbackChoice {
  const matches = (reference: FreightReference): boolean =>
    reference.name === wanted ||
    (wanted.length >= MIN_NAME_PREFIX && reference.name.startsWith(wanted.toLowerCase())) ||
    (freightByName.has(reference.name) && freightAlias(freightByName.get(reference.name)!) === wanted);

  const index = history.findIndex(
    (collection, position) => position > 0 && itemsOf(collection).some(matches) && differingItems(current, collection).length > 0,
  );
  if (index < 0) {
    if (itemsOf(current).some(matches)) {
      throw new RollbackError('target-is-current', `"${wanted}" is already the current freight of Stage "${stageName}"`);
    }
    const listed = history.slice(1).flatMap((collection) => itemsOf(collection).map((item) => describeReference(item, freightByName)));
    const known = listed.length > 0 ? `; its earlier freight: ${[...new Set(listed)].join(', ')}` : '';
    throw new RollbackError('target-not-in-history', `"${wanted}" is not in the freight history of Stage "${stageName}"${known}`);
  }
  const to = history[index]!;
  return { from: current, to, historyIndex: index, toPromote: differingItems(current, to), verifiedBy: 'explicit' };
}

function verificationEvidence(stageName: string, collection: FreightCollection, freightByName: Map<string, Freight>): RollbackChoice['verifiedBy'] | undefined {
  const history = collection.verificationHistory ?? [];
  if (history.some((info) => info.phase === 'Successful')) return 'verification-history';
  if (history.length > 0) return undefined;
  const verifiedEverywhere = itemsOf(collection).every((item) => {
    const verifiedIn = freightByName.get(item.name)?.status?.verifiedIn;
    return verifiedIn !== undefined && Object.hasOwn(verifiedIn, stageName);
  });
  return verifiedEverywhere ? 'freight-verified-in' : undefined;
}

/** Items of `target` whose Freight is not what the current collection holds for that origin. */
function differingItems(current: FreightCollection, target: FreightCollection): FreightReference[] {
  const now = current.items ?? {};
  return Object.entries(target.items ?? {})
    .filter(([origin, reference]) => now[origin]?.name !== reference.name)
    .map(([, reference]) => reference);
}

function itemsOf(collection: FreightCollection): FreightReference[] {
  return Object.values(collection.items ?? {});
}

function describeReference(reference: FreightReference, freightByName: Map<string, Freight>): string {
  const known = freightByName.get(reference.name);
  const alias = known ? freightAlias(known) : undefined;
  return alias ? `${alias} (${reference.name.slice(0, 7)})` : reference.name.slice(0, 7);
}
