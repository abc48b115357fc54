// Renaming a Freight's alias: the alias field and the kargo.akuity.io/alias label
// move together, and an alias already used in the project is refused up front
// (Kargo's webhook would refuse it too, less clearly).

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Freight } from '../model/kargo.js';
import { ALIAS_LABEL } from '../model/labels.js';
import { type FreightSelector, resolveFreight } from './resolve-freight.js';
import { fail } from '../runtime/failure.js';

export type UpdateAliasResult = { kind: 'updated' | 'unchanged'; freight: Freight; previousAlias?: string };

export async function updateFreightAlias(client: KubeClient, project: string, selector: FreightSelector, alias: string): Promise<UpdateAliasResult> {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(alias) || alias.length > 63) {
    fail('usage', `"${alias}" is not a valid alias: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit.`);
  }
  const freight = await resolveFreight(client, project, selector);
  const previousAlias = freight.alias ?? freight.metadata.labels?.[ALIAS_LABEL];
  if (previousAlias === alias) return { kind: 'unchanged', freight };
  const holders = await client.list<Freight>(resources.freight, project, { labelSelector: `${ALIAS_LABEL}=${alias}` });
  const other = holders.items.find((item) => item.metadata.name !== freight.metadata.name);
  if (other) {
    fail(
      'refused',
      `Alias "${alias}" is already used by Freight ${other.metadata.name} in project "${project}"; aliases are unique per project. Pick another alias, or rename that Freight first.`,
    );
  }
  const patch = { alias, metadata: { labels: { [ALIAS_LABEL]: alias } } };
  const updated = await client.patch<Freight>(resources.freight, freight.metadata.name!, patch, project);
  return { kind: 'updated', freight: updated, ...(previousAlias ? { previousAlias } : {}) };
}
