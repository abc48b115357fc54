// meta.k8s.io/v1 Table rendering, which `kubectl get` asks for by default.

import type { PrinterColumn, ServedResource } from './registry.js';
import { isJsonObject, type JsonObject, type StoredObject } from './types.js';

export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '');
}

/** An age the way Kubernetes' tables print one: 45s, 7m30s, 3h20m, 5d4h, 2y10d. */
export function humanAge(since: string | undefined, now: Date): string {
  const parsed = since ? Date.parse(since) : Number.NaN;
  if (Number.isNaN(parsed)) return '<invalid>';
  const seconds = Math.floor((now.getTime() - parsed) / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  const both = (major: number, majorUnit: string, minor: number, minorUnit: string): string =>
    minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${minor}${minorUnit}`;
  if (minutes < 10) return both(minutes, 'm', seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return both(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return both(days, 'd', hours % 24, 'h');
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return both(years, 'y', days % 365, 'd');
  return `${years}y`;
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

/** A cell of the column's declared type, or null when the value does not have that type (as kube-apiserver does). */
function cell(object: StoredObject, column: PrinterColumn, now: Date): unknown {
  const value = evaluateJsonPath(object, column.jsonPath);
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'string':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? humanAge(value, now) : null;
    default:
      return null;
  }
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
      ...columns.map((column) => ({
        name: column.name,
        type: column.type,
        format: column.format ?? '',
        description: column.description ?? '',
        priority: column.priority ?? 0,
      })),
    ],
    rows: objects.map((object) => {
      const row: JsonObject = { cells: [object.metadata.name, ...columns.map((column) => cell(object, column, now))] };
      const embedded = rowObject(object, includeObject);
      if (embedded !== undefined) row.object = embedded;
      return row;
    }),
  };
}
