// How the credentials and ConfigMap commands print: a listing as a table or
// -o json|yaml|name, and a written object as `secret/NAME created` (kubectl's
// and Kargo's words) or in full with -o.

import { coreResources } from '../kube/core-resources.js';
import type { ResourceType } from '../kube/resources.js';
import { qualifiedName } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';
import type { OutputFormat } from './formats.js';
import { fail } from '../runtime/failure.js';
import { formatObjects, type StructuredFormat } from './objects.js';
import { renderTable } from './table.js';
import type { TableData } from './tables/table-context.js';

export interface ListingOptions {
  format: OutputFormat | undefined;
  headers: boolean;
  /** The user named exactly one object: structured output prints it bare. */
  single: boolean;
}

export function formatListing<T extends KubeObject>(type: ResourceType, objects: T[], options: ListingOptions, table: (objects: T[]) => TableData): string {
  if (isStructured(options.format)) return formatObjects(objects, options.format, type, options.single);
  if (options.format !== undefined && options.format !== 'wide') unsupported(options.format);
  if (objects.length === 0) return '';
  const data = table(objects);
  return renderTable(data.header, data.rows, { headers: options.headers });
}

/** `secret/NAME created`; Kargo's update commands print the bare `secret/NAME` (an empty operation). */
export function formatWritten(
  type: ResourceType,
  object: KubeObject,
  operation: 'created' | 'updated' | '' | 'deleted',
  format: OutputFormat | undefined,
): string {
  if (isStructured(format)) return formatObjects([object], format, type, true);
  if (format !== undefined && format !== 'wide') unsupported(format);
  return `${qualifiedName(type)}/${object.metadata.name ?? ''}${operation ? ` ${operation}` : ''}\n`;
}

function isStructured(format: OutputFormat | undefined): format is StructuredFormat {
  return format === 'json' || format === 'yaml' || format === 'name';
}

function unsupported(format: string): never {
  return fail('usage', `-o ${format} is not supported by this command`, 'Use -o json, yaml or name.');
}

export const SECRET_TYPE = coreResources.secret;
export const CONFIGMAP_TYPE = coreResources.configMap;
