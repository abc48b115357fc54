// meta.k8s.io/v1 Table rendering, which `kubectl get` asks for by default.

import type { PrinterColumn, ServedResource } from './registry.js';
import { isJsonObject, type JsonObject, type StoredObject } from './types.js';

export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

/** Human age the way kubectl prints it: 45s, 12m, 3h, 2d. */
export function humanAge(since: string | undefined, now: Date): string {
  if (!since) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60 * 3) return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}h${minutes % 60 ? `${minutes % 60}m` : ''}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** Evaluates the JSONPath subset printer columns use: `.a.b`, `[0]`, `[?(@.type=="Ready")]`. */
export function evaluateJsonPath(object: unknown, path: string): unknown {
  const tokens = path.match(/\.[^.[\]]+|\[\?\(@\.[^)]*\)\]|\[\d+\]|\[\*\]/g) ?? [];
  let values: unknown[] = [object];
  for (const token of tokens) {
    const next: unknown[] = [];
    for (const value of values) {
      if (token.startsWith('.')) {
        if (isJsonObject(value)) next.push(value[token.slice(1)]);
      } else if (token === '[*]') {
        if (Array.isArray(value)) next.push(...value);
      } else if (token.startsWith('[?')) {
        const filter = /^\[\?\(@\.([\w.]+)\s*==\s*["']([^"']*)["']\)\]$/.exec(token);
        if (Array.isArray(value) && filter) {
          const [, field = '', expected] = filter;
          next.push(...value.filter((item) => String(evaluateJsonPath(item, `.${field}`)) === expected));
        }
      } else if (Array.isArray(value)) {
        next.push(value[Number(token.slice(1, -1))]);
      }
    }
    values = next.filter((value) => value !== undefined);
  }
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values.map((value) => (typeof value === 'object' ? JSON.stringify(value) : String(value))).join(',');
}

function columnsOf(resource: ServedResource): PrinterColumn[] {
  if (resource.printerColumns.length > 0) return resource.printerColumns;
  return [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
}

function cell(object: StoredObject, column: PrinterColumn, now: Date): unknown {
  const value = evaluateJsonPath(object, column.jsonPath);
  if (value === undefined) return null;
  if (column.type === 'date') return humanAge(String(value), now);
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

function rowObject(object: StoredObject, include: string | null): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

export function toTable(resource: ServedResource, objects: StoredObject[], listMetadata: JsonObject, now: Date, includeObject: string | null): JsonObject {
  const columns = columnsOf(resource);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMetadata,
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
      ...columns.map((column) => ({ name: column.name, type: column.type, format: column.format ?? '', description: column.description ?? '', priority: column.priority ?? 0 })),
    ],
    rows: objects.map((object) => {
      const row: JsonObject = { cells: [object.metadata.name, ...columns.map((column) => cell(object, column, now))] };
      const embedded = rowObject(object, includeObject);
      if (embedded !== undefined) row.object = embedded;
      return row;
    }),
  };
}
