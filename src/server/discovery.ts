// Discovery documents: /version, /api, /apis, /api/v1, /apis/<group>[/<version>].

import type { ResourceRegistry, ServedResource } from './registry.js';
import type { JsonObject } from './types.js';
import { compareStrings } from '../runtime/compare-strings.js';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0-kargo-embedded',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.23.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

function preferredOrder(versions: string[]): string[] {
  return [...versions].sort((a, b) => (a === b ? 0 : a.startsWith('v1') && !b.startsWith('v1') ? -1 : a < b ? 1 : -1));
}

export function apiVersions(serverAddress: string): JsonObject {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export function groupDocument(group: string, versions: string[]): JsonObject {
  const ordered = preferredOrder(versions);
  const entries = ordered.map((version) => ({ groupVersion: `${group}/${version}`, version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: entries, preferredVersion: entries[0] };
}

export function groupList(registry: ResourceRegistry): JsonObject {
  const groups = [...registry.groups().entries()].filter(([group]) => group !== '').sort(([a], [b]) => compareStrings(a, b));
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map(([group, versions]) => {
      const document = groupDocument(group, versions);
      return { name: document.name, versions: document.versions, preferredVersion: document.preferredVersion };
    }),
  };
}

function resourceEntries(resource: ServedResource): JsonObject[] {
  const main: JsonObject = {
    name: resource.plural,
    singularName: resource.singular,
    namespaced: resource.namespaced,
    kind: resource.kind,
    verbs: resource.verbs,
    storageVersionHash: Buffer.from(`${resource.group}/${resource.plural}`).toString('base64').slice(0, 11),
  };
  if (resource.shortNames.length > 0) main.shortNames = resource.shortNames;
  if (resource.categories.length > 0) main.categories = resource.categories;
  const entries = [main];
  if (resource.hasStatus)
    entries.push({
      name: `${resource.plural}/status`,
      singularName: '',
      namespaced: resource.namespaced,
      kind: resource.kind,
      verbs: ['get', 'patch', 'update'],
    });
  return entries;
}

export function resourceList(registry: ResourceRegistry, group: string, version: string): JsonObject | undefined {
  const resources = registry.inGroupVersion(group, version);
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources: resources.sort((a, b) => compareStrings(a.plural, b.plural)).flatMap(resourceEntries),
  };
}
