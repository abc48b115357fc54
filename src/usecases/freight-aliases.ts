// The aliases of the Freight a table shows by name (a Stage's current Freight, a
// Promotion's, a Warehouse's last): a GET for each distinct name while they are
// few, else one LIST of the project's Freight — never a LIST of thousands to name
// a handful. Freight that is gone, or that the user may not read, keeps its short
// name in the table.

import type { KubeClient } from '../kube/client.js';
import { KubeApiError, isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Freight } from '../model/kargo.js';
import { freightAlias } from '../rules/freight-lookup.js';

/** Above this many distinct names, one LIST costs less than the GETs. */
const MOST_GETS = 32;

/** Aliases by Freight name, for `names` (or, with 'all', every Freight of the project, e.g. for a watch). */
export async function readFreightAliases(client: KubeClient, project: string | undefined, names: ReadonlySet<string> | 'all'): Promise<Map<string, string>> {
  const freight = names !== 'all' && names.size <= MOST_GETS ? await getEach(client, project, names) : await listAll(client, project);
  const aliases = new Map<string, string>();
  for (const item of freight) {
    const alias = freightAlias(item);
    if (alias && item.metadata.name) aliases.set(item.metadata.name, alias);
  }
  return aliases;
}

async function getEach(client: KubeClient, project: string | undefined, names: ReadonlySet<string>): Promise<Freight[]> {
  const found = await Promise.all(
    [...names].map((name) =>
      client.get<Freight>(resources.freight, name, project).catch((error: unknown) => {
        if (isNotFound(error) || isForbidden(error)) return undefined;
        throw error;
      }),
    ),
  );
  return found.filter((item): item is Freight => item !== undefined);
}

async function listAll(client: KubeClient, project: string | undefined): Promise<Freight[]> {
  try {
    return (await client.list<Freight>(resources.freight, project)).items;
  } catch (error) {
    // Someone allowed to read Stages but not Freight still gets the table, with short names.
    if (isForbidden(error)) return [];
    throw error;
  }
}

function isForbidden(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 403;
}
