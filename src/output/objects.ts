// -o json | yaml | name for Kubernetes objects: one object prints as itself,
// several (or none, when listing) as a `List`, like kubectl.

import { stringify } from 'yaml';
import { qualifiedName, type ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';

export type StructuredFormat = 'json' | 'yaml' | 'name';

export function formatObjects(
  objects: KubeObject[],
  format: StructuredFormat,
  type: ResourceType,
  /** True when the user named exactly one object: print it bare rather than as a List. */
  single: boolean,
): string {
  if (format === 'name') return objects.map((object) => `${qualifiedName(type)}/${object.metadata.name ?? ''}\n`).join('');
  const document: unknown =
    single && objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } };
  return formatDocument(document, format);
}

export function formatDocument(document: unknown, format: 'json' | 'yaml'): string {
  return format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : stringify(document);
}
