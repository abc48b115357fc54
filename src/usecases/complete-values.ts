// Candidate values for shell completion, read from the cluster with one LIST.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Freight, KubeObject } from '../model/kargo.js';
import { freightAlias } from '../rules/freight-lookup.js';
import { coreResources } from '../kube/core-resources.js';
import { listConfigMaps } from './credentials/configmaps.js';
import { listGenericCredentials } from './credentials/generic-credentials.js';
import { listRepoCredentials } from './credentials/repo-credentials.js';
import { listApiTokens } from './roles/tokens.js';

/** The kinds of cluster objects whose names shell completion offers. */
export const DYNAMIC_SOURCES = [
  'projects',
  'stages',
  'freight',
  'warehouses',
  'promotions',
  'analysisruns',
  'repo-credentials',
  'generic-credentials',
  'configmaps',
  'roles',
  'tokens',
] as const;
export type DynamicSource = (typeof DYNAMIC_SOURCES)[number];

export async function completionValues(client: KubeClient, source: DynamicSource, project: string | undefined): Promise<string[]> {
  switch (source) {
    case 'projects':
      return names(await client.list<KubeObject>(resources.project));
    case 'stages':
      return project ? names(await client.list<KubeObject>(resources.stage, project)) : [];
    case 'warehouses':
      return project ? names(await client.list<KubeObject>(resources.warehouse, project)) : [];
    case 'promotions':
      return project ? names(await client.list<KubeObject>(resources.promotion, project)) : [];
    case 'analysisruns':
      return project ? names(await client.list<KubeObject>(resources.analysisRun, project)) : [];
    case 'repo-credentials':
      return project ? names({ items: await listRepoCredentials(client, { kind: 'project', project }) }) : [];
    case 'generic-credentials':
      return project ? names({ items: await listGenericCredentials(client, { kind: 'project', project }) }) : [];
    case 'configmaps':
      return project ? names({ items: await listConfigMaps(client, { kind: 'project', project }) }) : [];
    case 'roles':
      // A Kargo role is named by its ServiceAccount: one LIST, not the three reads `get roles` makes.
      return project ? names(await client.list<KubeObject>(coreResources.serviceAccount, project)) : [];
    case 'tokens':
      return project ? names({ items: await listApiTokens(client, { kind: 'project', namespace: project }) }) : [];
    case 'freight': {
      if (!project) return [];
      const freight = await client.list<Freight>(resources.freight, project);
      // Aliases first: they are what people type.
      const aliases = freight.items.map(freightAlias).filter((alias): alias is string => !!alias);
      return [...aliases.sort(), ...names(freight)];
    }
  }
}

function names(list: { items: KubeObject[] }): string[] {
  return list.items
    .map((item) => item.metadata.name ?? '')
    .filter(Boolean)
    .sort();
}
