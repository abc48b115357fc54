// Resolves what a user typed (`--freight NAME_OR_ALIAS`, `--freight-alias A`,
// `--image REPO[:TAG|@DIGEST]`, `--commit SHA`, `--warehouse W`) to exactly one
// Freight of a list (the Freight of one project).

import type { Freight } from '../model/kargo.js';
import { ALIAS_LABEL } from '../model/labels.js';
import { compareStrings } from '../runtime/compare-strings.js';

/** Shortest name prefix accepted for `--freight` (Freight names are 40 hex digits). */
export const MIN_NAME_PREFIX = 4;
/** Shortest commit SHA prefix accepted for `--commit`. */
const MIN_COMMIT_PREFIX = 7;

export type FreightQuery =
  | { by: 'name-or-alias'; value: string }
  | { by: 'alias'; value: string }
  | { by: 'image'; value: string }
  | { by: 'commit'; value: string }
  | { by: 'warehouse'; value: string };

export type FreightMatch = 'name' | 'alias' | 'name-prefix' | 'image' | 'commit' | 'warehouse';

export class FreightLookupError extends Error {
  override name = 'FreightLookupError';
  constructor(
    readonly reason: 'not-found' | 'ambiguous',
    message: string,
    readonly query: FreightQuery,
    readonly candidates: Freight[],
  ) {
    super(message);
  }
}

/**
 * The one Freight the query designates; throws FreightLookupError when none or several
 * match. A name or alias is tried exactly first, then as a unique name prefix.
 * `warehouse` designates the newest Freight of that Warehouse (by discoveredAt).
 */
export function lookupFreight(freight: Freight[], query: FreightQuery): { freight: Freight; matchedBy: FreightMatch } {
  switch (query.by) {
    case 'name-or-alias':
      return byNameOrAlias(freight, query);
    case 'alias':
      return single(
        freight.filter((item) => freightAlias(item) === query.value),
        query,
        'alias',
      );
    case 'image':
      return single(freight.filter(carriesImage(query.value)), query, 'image');
    case 'commit':
      return byCommit(freight, query);
    case 'warehouse':
      return newestOfWarehouse(freight, query);
  }
}

/** Alias of a Freight: the top-level field, else the `kargo.akuity.io/alias` label. */
export function freightAlias(freight: Freight): string | undefined {
  return freight.alias || freight.metadata.labels?.[ALIAS_LABEL] || undefined;
}

/** When the Freight was discovered: `discoveredAt`, else its creation time (Kargo's "effective" value). */
export function effectiveDiscoveredAt(freight: Freight): string | undefined {
  return freight.discoveredAt || freight.metadata.creationTimestamp || undefined;
}

/** `alias (name[:7])`, or just the name when there is no alias. */
function freightDisplayName(freight: Freight): string {
  const name = freight.metadata.name ?? '';
  const alias = freightAlias(freight);
  return alias ? `${alias} (${name.slice(0, 7)})` : name;
}

function byNameOrAlias(freight: Freight[], query: FreightQuery): { freight: Freight; matchedBy: FreightMatch } {
  const exact = freight.find((item) => item.metadata.name === query.value);
  if (exact) return { freight: exact, matchedBy: 'name' };
  const aliased = freight.filter((item) => freightAlias(item) === query.value);
  if (aliased.length > 0) return single(aliased, query, 'alias');
  const prefix = query.value.toLowerCase();
  if (prefix.length >= MIN_NAME_PREFIX) {
    const prefixed = freight.filter((item) => (item.metadata.name ?? '').startsWith(prefix));
    if (prefixed.length > 0) return single(prefixed, query, 'name-prefix');
  }
  return single([], query, 'name');
}

function byCommit(freight: Freight[], query: FreightQuery): { freight: Freight; matchedBy: FreightMatch } {
  const wanted = query.value.toLowerCase();
  if (wanted.length < MIN_COMMIT_PREFIX) {
    throw new FreightLookupError('not-found', `commit "${query.value}" is too short: give at least ${MIN_COMMIT_PREFIX} characters of the SHA`, query, []);
  }
  return single(freight.filter(carriesCommit(wanted)), query, 'commit');
}

/** Matches a commit SHA or a prefix of one (any case) against a Freight's commits. */
export function carriesCommit(sha: string): (freight: Freight) => boolean {
  const wanted = sha.toLowerCase();
  return (freight) => (freight.commits ?? []).some((commit) => (commit.id ?? '').toLowerCase().startsWith(wanted));
}

function newestOfWarehouse(freight: Freight[], query: FreightQuery): { freight: Freight; matchedBy: FreightMatch } {
  const fromWarehouse = freight.filter((item) => item.origin?.kind === 'Warehouse' && item.origin.name === query.value);
  const [newest] = newestFirst(fromWarehouse);
  if (!newest) return single([], query, 'warehouse');
  return { freight: newest, matchedBy: 'warehouse' };
}

/** Newest first by effective discoveredAt, then by name descending (Kargo's candidate order). */
export function newestFirst(freight: Freight[]): Freight[] {
  return [...freight].sort((a, b) => {
    const byTime = compareStrings(effectiveDiscoveredAt(b) ?? '', effectiveDiscoveredAt(a) ?? '');
    return byTime !== 0 ? byTime : compareStrings(b.metadata.name ?? '', a.metadata.name ?? '');
  });
}

/** Matches `repo:tag`, `repo@digest`, or a bare `repo` (any tag) against a Freight's images. */
export function carriesImage(reference: string): (freight: Freight) => boolean {
  const digestAt = reference.indexOf('@');
  const lastSlash = reference.lastIndexOf('/');
  const tagAt = reference.lastIndexOf(':');
  const repo = digestAt >= 0 ? reference.slice(0, digestAt) : tagAt > lastSlash ? reference.slice(0, tagAt) : reference;
  const digest = digestAt >= 0 ? reference.slice(digestAt + 1) : undefined;
  const tag = digestAt < 0 && tagAt > lastSlash ? reference.slice(tagAt + 1) : undefined;
  return (freight) =>
    (freight.images ?? []).some(
      (image) => image.repoURL === repo && (digest === undefined || image.digest === digest) && (tag === undefined || image.tag === tag),
    );
}

function single(matches: Freight[], query: FreightQuery, matchedBy: FreightMatch): { freight: Freight; matchedBy: FreightMatch } {
  const [first] = matches;
  if (matches.length === 1 && first) return { freight: first, matchedBy };
  if (matches.length === 0) throw new FreightLookupError('not-found', `no Freight matches ${describeQuery(query)}`, query, []);
  const listed = newestFirst(matches);
  const lines = listed.slice(0, 10).map((item) => `  ${freightDisplayName(item)} from ${item.origin?.kind ?? '?'}/${item.origin?.name ?? '?'}`);
  if (listed.length > 10) lines.push(`  … and ${listed.length - 10} more`);
  throw new FreightLookupError(
    'ambiguous',
    `${listed.length} Freight match ${describeQuery(query)}; name one of them with --freight:\n${lines.join('\n')}`,
    query,
    listed,
  );
}

function describeQuery(query: FreightQuery): string {
  switch (query.by) {
    case 'name-or-alias':
      return `name or alias "${query.value}"`;
    case 'alias':
      return `alias "${query.value}"`;
    case 'image':
      return `image "${query.value}"`;
    case 'commit':
      return `commit "${query.value}"`;
    case 'warehouse':
      return `Warehouse "${query.value}"`;
  }
}
