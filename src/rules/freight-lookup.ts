// Resolves what a user typed (`--freight NAME_OR_ALIAS`, `--image REPO[:TAG]`,
// `--commit SHA`, `--warehouse W`) to exactly one Freight of a list.

import type { Freight } from '../model/kargo.js';

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

/** The one Freight the query designates; throws FreightLookupError when none or several match. */
export function lookupFreight(freight: Freight[], query: FreightQuery): { freight: Freight; matchedBy: FreightMatch } {
  throw new Error(`not implemented: ${freight.length} ${query.by}`);
}

/** Alias of a Freight: the top-level field, else the `kargo.akuity.io/alias` label. */
export function freightAlias(freight: Freight): string | undefined {
  throw new Error(`not implemented: ${freight.metadata.name}`);
}
