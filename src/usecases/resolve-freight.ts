// Finds the Freight a user means, the way Kargo's API does: by name, by alias
// (the kargo.akuity.io/alias label), or by name-then-alias; plus by an artifact
// it carries (image repo:tag, commit SHA).

import { ExitCode } from '../cli/exit-codes.js';
import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Freight } from '../model/kargo.js';
import { findFreightByArtifact } from '../rules/freight-artifact.js';
import { fail } from './workflow-error.js';

export type FreightSelector =
  | { by: 'nameOrAlias'; value: string }
  | { by: 'name'; value: string }
  | { by: 'alias'; value: string }
  | { by: 'image'; value: string }
  | { by: 'commit'; value: string };

export const ALIAS_LABEL = 'kargo.akuity.io/alias';

export async function resolveFreight(client: KubeClient, project: string, selector: FreightSelector): Promise<Freight> {
  const found = await findFreight(client, project, selector);
  if (found) return found;
  const what = selector.by === 'nameOrAlias' ? 'name or alias' : selector.by;
  fail(
    ExitCode.NotFound,
    `Freight with ${what} "${selector.value}" not found in project "${project}". List the project's Freight with \`kargo get freight -p ${project}\`.`,
  );
}

async function findFreight(client: KubeClient, project: string, selector: FreightSelector): Promise<Freight | undefined> {
  switch (selector.by) {
    case 'name':
      return getByName(client, project, selector.value);
    case 'alias':
      return getByAlias(client, project, selector.value);
    case 'nameOrAlias':
      return (await getByName(client, project, selector.value)) ?? (await getByAlias(client, project, selector.value));
    case 'image':
    case 'commit': {
      const all = await client.list<Freight>(resources.freight, project);
      const matches = findFreightByArtifact(all.items, selector.by, selector.value);
      if (matches.length > 1) {
        fail(
          ExitCode.Usage,
          `${matches.length} Freight carry ${selector.by} "${selector.value}" (${matches.map(label).join(', ')}); name one with --freight.`,
        );
      }
      return matches[0];
    }
  }
}

async function getByName(client: KubeClient, project: string, name: string): Promise<Freight | undefined> {
  try {
    return await client.get<Freight>(resources.freight, name, project);
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function getByAlias(client: KubeClient, project: string, alias: string): Promise<Freight | undefined> {
  const listed = await client.list<Freight>(resources.freight, project, { labelSelector: `${ALIAS_LABEL}=${alias}` });
  return listed.items[0];
}

/** `jolly-penguin (3f2a1c9)`, how Freight is named in messages. */
export function freightLabel(freight: Freight): string {
  return label(freight);
}

function label(freight: Freight): string {
  const name = freight.metadata.name ?? '';
  const alias = freight.alias ?? freight.metadata.labels?.[ALIAS_LABEL];
  return alias ? `${alias} (${name.slice(0, 7)})` : name;
}
