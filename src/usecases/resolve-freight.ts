// Finds the Freight a user means — by name or alias (as Kargo's API does), by
// alias only, or by an artifact it carries (image repo:tag, commit SHA) — with one
// LIST of the project's Freight and the freight-lookup rule.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Freight } from '../model/kargo.js';
import { FreightLookupError, type FreightQuery, freightAlias, lookupFreight } from '../rules/freight-lookup.js';
import { fail } from '../runtime/failure.js';
import { sentence } from './wording.js';
import { ALIAS_LABEL } from '../model/labels.js';

export type FreightSelector = Exclude<FreightQuery, { by: 'warehouse' }>;


export async function resolveFreight(client: KubeClient, project: string, selector: FreightSelector): Promise<Freight> {
  const all = await client.list<Freight>(resources.freight, project);
  try {
    return lookupFreight(all.items, selector).freight;
  } catch (error) {
    if (!(error instanceof FreightLookupError)) throw error;
    if (error.reason === 'ambiguous') {
      fail('usage', `${sentence(error.message)} Name one of them with --freight: ${error.candidates.map(freightLabel).join(', ')}.`);
    }
    fail('not-found', `${sentence(error.message)} List the project's Freight with \`kargo get freight -p ${project}\`.`);
  }
}

/** `jolly-penguin (3f2a1c9)`, how Freight is named in messages. */
export function freightLabel(freight: Freight): string {
  const name = freight.metadata.name ?? '';
  const alias = freightAlias(freight);
  return alias ? `${alias} (${name.slice(0, 7)})` : name;
}

/** What to type to name this Freight on the command line: its alias, else its name. */
export function freightHandle(freight: Freight): string {
  return freightAlias(freight) ?? freight.metadata.name ?? '';
}
