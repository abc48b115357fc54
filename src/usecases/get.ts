// What `kargo get` reads: one LIST per kind involved (paged by the client), then
// filtering and sorting on this side, so the number of requests never depends on
// how many objects there are; objects asked for by name are read one GET each.

import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources, type ResourceType } from '../kube/resources.js';
import type { Freight, KubeObject, Project, Promotion } from '../model/kargo.js';
import { carriesCommit, carriesImage, effectiveDiscoveredAt, freightAlias } from '../rules/freight-lookup.js';
import { projectNotFound } from './not-found.js';
import { freightWithAlias, readNamed } from './read-named.js';
import { compareStrings } from '../runtime/compare-strings.js';

export interface GetRequest {
  type: ResourceType;
  /** Namespace of namespaced kinds. */
  project?: string;
  names: string[];
  labelSelector?: string;
  /** Sent to the server as is (metadata.name, metadata.namespace). */
  fieldSelector?: string;
  /** Promotions of this Stage only. */
  stage?: string;
  freightFilter?: FreightFilter;
}

export interface FreightFilter {
  /** Freight from any of these Warehouses. */
  warehouse?: readonly string[];
  /** `REPO` (any tag) or `REPO:TAG`. */
  image?: string;
  /** A commit SHA or a prefix of at least 7 characters. */
  commit?: string;
}

export interface GetResult<T extends KubeObject = KubeObject> {
  items: T[];
  /** Names the user asked for that matched nothing, in the order given. */
  missing: string[];
}

export async function getObjects(client: KubeClient, request: GetRequest): Promise<GetResult> {
  const namespace = request.type.namespaced ? request.project : undefined;
  if (request.names.length > 0 && !request.labelSelector && !request.fieldSelector) return getNamed(client, request, namespace);
  const listed = await client.list<KubeObject>(request.type, namespace, selectorOptions(request));
  if (request.type.namespaced && request.project && listed.items.length === 0) await assertProjectExists(client, request.project);
  return selectObjects(listed.items, request);
}

/** Objects asked for by name: a GET each (Freight not found by name, by its alias label), then the same selection. */
async function getNamed(client: KubeClient, request: GetRequest, namespace: string | undefined): Promise<GetResult> {
  const found = await Promise.all(
    request.names.map(async (name) => {
      const named = await readNamed(client, request.type, name, namespace);
      if (named) return [named];
      return request.type === resources.freight ? freightWithAlias(client, namespace, name) : [];
    }),
  );
  const unique = new Map(found.flat().map((object) => [object.metadata.name ?? '', object]));
  if (request.type.namespaced && request.project && unique.size === 0) await assertProjectExists(client, request.project);
  return selectObjects([...unique.values()], request);
}

/** Applies the request's filters, name lookup and ordering to an already listed set. */
export function selectObjects(items: KubeObject[], request: GetRequest): GetResult {
  let selected = items;
  if (request.type === resources.promotion && request.stage) {
    selected = selected.filter((promotion) => (promotion as Promotion).spec.stage === request.stage);
  }
  if (request.type === resources.freight && request.freightFilter) {
    const filter = request.freightFilter;
    selected = selected.filter((freight) => matchesFreightFilter(freight as Freight, filter));
  }
  const missing: string[] = [];
  if (request.names.length > 0) {
    const picked: KubeObject[] = [];
    for (const name of request.names) {
      const found = selected.filter((object) => matchesName(object, name, request.type));
      if (found.length === 0) missing.push(name);
      for (const object of found) if (!picked.includes(object)) picked.push(object);
    }
    selected = picked;
  } else {
    selected = sortForListing(selected, request.type);
  }
  return { items: selected, missing };
}

function matchesName(object: KubeObject, name: string, type: ResourceType): boolean {
  if (object.metadata.name === name) return true;
  // Freight is addressable by its alias everywhere.
  return type === resources.freight && freightAlias(object as Freight) === name;
}

function matchesFreightFilter(freight: Freight, filter: FreightFilter): boolean {
  if (filter.warehouse && !(freight.origin?.kind === 'Warehouse' && filter.warehouse.includes(freight.origin.name))) return false;
  if (filter.image && !carriesImage(filter.image)(freight)) return false;
  if (filter.commit && !carriesCommit(filter.commit)(freight)) return false;
  return true;
}

/** Kargo's own orders within a project (Freight oldest first by discovery, everything else by name); projects in turn, as kubectl -A lists namespaces. */
function sortForListing(items: KubeObject[], type: ResourceType): KubeObject[] {
  const byProject = (a: KubeObject, b: KubeObject): number => compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '');
  const byName = (a: KubeObject, b: KubeObject): number => byProject(a, b) || compareStrings(a.metadata.name ?? '', b.metadata.name ?? '');
  if (type !== resources.freight) return [...items].sort(byName);
  return [...items].sort((a, b) => {
    const byTime = compareStrings(effectiveDiscoveredAt(a as Freight) ?? '', effectiveDiscoveredAt(b as Freight) ?? '');
    return byProject(a, b) || byTime || byName(a, b);
  });
}

/** A LIST in a namespace that does not exist answers with no items; tell that apart from an empty project. */
export async function assertProjectExists(client: KubeClient, project: string): Promise<void> {
  try {
    await client.get<Project>(resources.project, project);
  } catch (error) {
    if (isNotFound(error)) throw projectNotFound(project, error);
    throw error;
  }
}

export function selectorOptions(request: { labelSelector?: string; fieldSelector?: string }): { labelSelector?: string; fieldSelector?: string } {
  return {
    ...(request.labelSelector ? { labelSelector: request.labelSelector } : {}),
    ...(request.fieldSelector ? { fieldSelector: request.fieldSelector } : {}),
  };
}
