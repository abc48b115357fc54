// How the credentials, ConfigMap, role and token commands print: a listing as a
// table or in any -o (json, yaml, name, templates, custom columns), and a
// written object as `secret/NAME created` (kubectl's and Kargo's words) or in
// full with -o.

import { coreResources } from '../kube/core-resources.js';
import { qualifiedName, type ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';
import { printObjects } from './objects.js';
import type { OutputSpec } from './output-spec.js';
import { renderTable } from './table.js';
import type { TableData } from './tables/table-context.js';

export interface ListingOptions {
  headers: boolean;
  /** The user named exactly one object: structured output prints it bare. */
  single: boolean;
}

export async function formatListing<T extends KubeObject>(
  type: ResourceType,
  objects: T[],
  spec: OutputSpec,
  options: ListingOptions,
  table: (objects: T[]) => TableData,
): Promise<string> {
  if (spec.kind !== 'table') return printObjects(objects, spec, { type, single: options.single, headers: options.headers });
  if (objects.length === 0) return '';
  const data = table(objects);
  return renderTable(data.header, data.rows, { headers: options.headers });
}

/** `secret/NAME created`; Kargo's update commands print the bare `secret/NAME` (an empty operation). */
export async function formatWritten(
  type: ResourceType,
  object: KubeObject,
  operation: 'created' | 'updated' | '' | 'deleted',
  spec: OutputSpec,
): Promise<string> {
  if (spec.kind !== 'table') return printObjects([object], spec, { type, single: true, headers: true });
  return `${qualifiedName(type)}/${object.metadata.name ?? ''}${operation ? ` ${operation}` : ''}\n`;
}

export const SECRET_TYPE = coreResources.secret;
export const CONFIGMAP_TYPE = coreResources.configMap;
