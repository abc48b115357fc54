// Finds the Freight a user means — by name or alias (as Kargo's API does), by
// alias only, or by an artifact it carries (image repo:tag, commit SHA) — reading
// no more than the lookup needs: a name is one GET, an alias one LIST selected by
// the alias label (Kargo keeps both indexed). Only a name prefix or an artifact,
// which nothing indexes, costs a LIST of the project's Freight.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Freight } from '../model/kargo.js';
import { FreightLookupError, type FreightQuery, freightAlias, lookupFreight, MIN_NAME_PREFIX } from '../rules/freight-lookup.js';
import { fail } from '../runtime/failure.js';
import { freightWithAlias, readNamed } from './read-named.js';
import { sentence } from './wording.js';

export type FreightSelector = Exclude<FreightQuery, { by: 'warehouse' }>;

const NAME_PREFIX = new RegExp(`^[0-9a-fA-F]{${MIN_NAME_PREFIX},}$`);

export async function resolveFreight(client: KubeClient, project: string, selector: FreightSelector): Promise<Freight> {
  const candidates = await candidatesFor(client, project, selector);
  try {
    return lookupFreight(candidates, selector).freight;
  } catch (error) {
    if (!(error instanceof FreightLookupError)) throw error;
    if (error.reason === 'ambiguous') {
      fail('usage', `${sentence(error.message)} Name one of them with --freight: ${error.candidates.map(freightLabel).join(', ')}.`);
    }
    fail('not-found', `${sentence(error.message)} List the project's Freight with \`kargo get freight -p ${project}\`.`);
  }
}

/** The Freight among which the lookup rule picks: the named one, those with the alias, or all of them. */
async function candidatesFor(client: KubeClient, project: string, selector: FreightSelector): Promise<Freight[]> {
  switch (selector.by) {
    case 'name-or-alias': {
      const named = await readNamed<Freight>(client, resources.freight, selector.value, project);
      if (named) return [named];
      const aliased = await freightWithAlias(client, project, selector.value);
      if (aliased.length > 0 || !NAME_PREFIX.test(selector.value)) return aliased;
      return (await client.list<Freight>(resources.freight, project)).items;
    }
    case 'alias':
      return freightWithAlias(client, project, selector.value);
    default:
      return (await client.list<Freight>(resources.freight, project)).items;
  }
}

/** `jolly-penguin (3f2a1c9)`, how Freight is named in messages. */
export function freightLabel(freight: Freight): string {
  const name = freight.metadata.name ?? '';
  const alias = freightAlias(freight);
  return alias ? `${alias} (${name.slice(0, 7)})` : name;
}
