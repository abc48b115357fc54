// -o json | yaml | name for Kubernetes objects: one object prints as itself,
// several (or none, when listing) as a `List`, like kubectl.

import { stringify } from 'yaml';
import { apiVersionOf, qualifiedName, resources, type ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';

export type StructuredFormat = 'json' | 'yaml' | 'name';

/** The one printer for -o json|yaml|name, used by every command. */
export function formatObjects(
  objects: KubeObject[],
  format: StructuredFormat,
  /** The objects' type when known (list items of built-in kinds carry no kind); else read from each object. */
  type: ResourceType | undefined,
  /** True when exactly one object is meant: print it bare rather than as a List. */
  single: boolean,
): string {
  if (format === 'name') return objects.map((object) => `${type ? qualifiedName(type) : qualifiedNameOf(object)}/${object.metadata.name ?? ''}\n`).join('');
  const document: unknown = single && objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } };
  return formatDocument(document, format);
}

export function formatDocument(document: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : stringify(document);
}

function qualifiedNameOf(object: KubeObject): string {
  const type = Object.values(resources).find((candidate) => candidate.kind === object.kind && apiVersionOf(candidate) === object.apiVersion);
  return type ? qualifiedName(type) : (object.kind ?? 'object').toLowerCase();
}
