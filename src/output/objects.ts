// -o json | yaml | name and kubectl's templates for Kubernetes objects: one object
// prints as itself, several (or none, when listing) as a `List`, like kubectl.
// The YAML serializer (115 KB) and the custom-columns printer load only when asked
// for, so `-o json` starts without them.

import { apiVersionOf, qualifiedName, resources, type ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';
import type { OutputSpec } from './output-spec.js';

export type StructuredFormat = 'json' | 'yaml' | 'name';

export interface ObjectPrintOptions {
  /** The objects' type when known (list items of built-in kinds carry no kind); else read from each object. */
  type?: ResourceType;
  /** True when exactly one object is meant: print it bare rather than as a List. */
  single: boolean;
  /** Custom columns' header line (--no-headers turns it off). */
  headers: boolean;
}

/**
 * The one printer for every `-o` but tables, for any command that ends with objects:
 * json, yaml, name, jsonpath, go-template and custom-columns.
 */
export async function printObjects(objects: KubeObject[], spec: Exclude<OutputSpec, { kind: 'table' }>, options: ObjectPrintOptions): Promise<string> {
  switch (spec.kind) {
    case 'json':
    case 'yaml':
    case 'name':
      return formatObjects(objects, spec.kind, options.type, options.single);
    case 'template':
      return spec.render(documentOf(objects, options.single));
    case 'custom-columns':
      return (await import('./custom-columns.js')).formatCustomColumns(objects, spec.columns, options.headers);
  }
}

export async function formatObjects(
  objects: KubeObject[],
  format: StructuredFormat,
  /** The objects' type when known (list items of built-in kinds carry no kind); else read from each object. */
  type: ResourceType | undefined,
  /** True when exactly one object is meant: print it bare rather than as a List. */
  single: boolean,
): Promise<string> {
  if (format === 'name') return objects.map((object) => `${type ? qualifiedName(type) : qualifiedNameOf(object)}/${object.metadata.name ?? ''}\n`).join('');
  return formatDocument(documentOf(objects, single), format);
}

/** What kubectl prints or hands to a template: the object, or a List of them. */
export function documentOf(objects: KubeObject[], single: boolean): unknown {
  return single && objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects, metadata: { resourceVersion: '' } };
}

export async function formatDocument(document: unknown, format: 'json' | 'yaml'): Promise<string> {
  return format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : (await import('./yaml-text.js')).toYaml(document);
}

function qualifiedNameOf(object: KubeObject): string {
  const type = Object.values(resources).find((candidate) => candidate.kind === object.kind && apiVersionOf(candidate) === object.apiVersion);
  return type ? qualifiedName(type) : (object.kind ?? 'object').toLowerCase();
}
