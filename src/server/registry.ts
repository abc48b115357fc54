// The set of API resources the server serves: the built-in table plus kinds
// defined by CustomResourceDefinitions. Discovery, routing and validation read it.

import { BUILTIN_RESOURCES } from './builtin-resources.js';
import type { ObjectSchema } from './schema.js';

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
  format?: string;
}

export interface ServedResource {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  hasStatus: boolean;
  /** Verbs advertised in discovery. */
  verbs: string[];
  /** Present once a CRD with an openAPIV3Schema serves this kind. */
  schema?: ObjectSchema;
  printerColumns: PrinterColumn[];
  /** Whether a CRD (rather than the built-in table) defines it. */
  fromCrd: boolean;
}

function key(group: string, version: string, plural: string): string {
  return `${group}/${version}/${plural}`;
}

export class ResourceRegistry {
  private readonly byKey = new Map<string, ServedResource>();

  constructor() {
    for (const resource of BUILTIN_RESOURCES) this.add(resource);
  }

  add(resource: ServedResource): void {
    this.byKey.set(key(resource.group, resource.version, resource.plural), resource);
  }

  remove(group: string, version: string, plural: string): void {
    this.byKey.delete(key(group, version, plural));
  }

  find(group: string, version: string, plural: string): ServedResource | undefined {
    return this.byKey.get(key(group, version, plural));
  }

  findByKind(apiVersion: string, kind: string): ServedResource | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    for (const resource of this.byKey.values()) {
      if (resource.group === group && resource.version === version && resource.kind === kind) return resource;
    }
    return undefined;
  }

  all(): ServedResource[] {
    return [...this.byKey.values()];
  }

  /** group → versions served, core group first. */
  groups(): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const resource of this.byKey.values()) {
      const versions = groups.get(resource.group) ?? [];
      if (!versions.includes(resource.version)) versions.push(resource.version);
      groups.set(resource.group, versions);
    }
    return groups;
  }

  inGroupVersion(group: string, version: string): ServedResource[] {
    return this.all().filter((resource) => resource.group === group && resource.version === version);
  }
}

/** Storage identity of an object, independent of the version it was served under. */
export function storageKey(resource: Pick<ServedResource, 'group' | 'plural'>): string {
  return resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
}
