// `kargo delete freight` as Kargo's API does it: each value is a name or an
// alias (a GET, then the alias label), and Freight a Stage still holds is
// refused, as Kargo's Freight webhook refuses it. Every value is resolved and
// checked before the first deletion, so a typo or a refusal deletes nothing.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Freight } from '../model/kargo.js';
import { Failure } from '../runtime/failure.js';
import { refuseFreightInUse } from './freight-deletion.js';
import { freightWithAlias, readNamed } from './read-named.js';

export interface DeletedFreight {
  /** The name or alias the user gave. */
  given: string;
  freight: Freight;
}

export async function deleteFreight(client: KubeClient, project: string, namesOrAliases: string[]): Promise<DeletedFreight[]> {
  const found = await Promise.all(namesOrAliases.map(async (given) => ({ given, freight: await findFreight(client, project, given) })));
  const missing = found.filter((item) => !item.freight).map((item) => `"${item.given}"`);
  if (missing.length > 0) {
    throw new Failure(
      'not-found',
      `Freight ${missing.join(', ')} not found in project "${project}" (by name or alias); nothing was deleted`,
      `List the project's Freight with \`kargo get freight -p ${project}\`.`,
    );
  }
  const byName = new Map((found as DeletedFreight[]).map((item) => [item.freight.metadata.name ?? '', item] as const));
  const resolved = [...byName.values()];
  await refuseFreightInUse(
    client,
    resolved.map(({ given, freight }) => ({ project, name: freight.metadata.name ?? '', label: given })),
  );
  for (const { freight } of resolved) await client.delete(resources.freight, freight.metadata.name ?? '', project);
  return resolved;
}

async function findFreight(client: KubeClient, project: string, given: string): Promise<Freight | undefined> {
  const named = await readNamed<Freight>(client, resources.freight, given, project);
  if (named) return named;
  const aliased = await freightWithAlias(client, project, given);
  return aliased[0];
}
