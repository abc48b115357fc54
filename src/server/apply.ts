// Server-side apply with field ownership: each Apply manager owns the fields of
// its last applied configuration (recorded in metadata.managedFields as FieldsV1).
// Re-applying without a field removes it unless another manager owns it; applying
// a value another manager owns is a 409 conflict unless forced. Lists are atomic.

import { ApiError } from './status.js';
import { canonicalJson, deepClone, isJsonObject, type JsonObject } from './types.js';
import { mergePatch } from './patch.js';

export interface ManagedFieldsEntry {
  manager: string;
  operation: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: JsonObject;
  subresource?: string;
}

export interface ApplyRequest {
  /** The live object, or undefined when apply creates it. */
  live: JsonObject | undefined;
  applied: JsonObject;
  manager: string;
  force: boolean;
  apiVersion: string;
  now: string;
}

/** Metadata fields the server owns; they are never part of a manager's field set. */
const SYSTEM_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'generateName',
]);
const SEPARATOR = '\u0000';

function leafPaths(value: unknown, prefix: string[], out: Set<string>): void {
  if (isJsonObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) leafPaths(child, [...prefix, key], out);
  } else {
    out.add(prefix.join(SEPARATOR));
  }
}

/** The paths an applied configuration sets (apiVersion, kind and system metadata excluded). */
export function fieldSetOf(config: JsonObject): Set<string> {
  const out = new Set<string>();
  for (const [key, value] of Object.entries(config)) {
    if (key === 'apiVersion' || key === 'kind') continue;
    if (key === 'metadata' && isJsonObject(value)) {
      for (const [field, child] of Object.entries(value)) if (!SYSTEM_METADATA.has(field) && child !== null) leafPaths(child, ['metadata', field], out);
      continue;
    }
    if (value !== null) leafPaths(value, [key], out);
  }
  return out;
}

function toFieldsV1(paths: Set<string>): JsonObject {
  const root: JsonObject = {};
  for (const path of paths) {
    let node = root;
    for (const key of path.split(SEPARATOR)) {
      const field = `f:${key}`;
      const next = isJsonObject(node[field]) ? node[field] : {};
      node[field] = next;
      node = next;
    }
    node['.'] = {};
  }
  return root;
}

function fromFieldsV1(fields: unknown, prefix: string[] = [], out = new Set<string>()): Set<string> {
  if (!isJsonObject(fields)) return out;
  for (const [key, child] of Object.entries(fields)) {
    if (key === '.') out.add(prefix.join(SEPARATOR));
    else if (key.startsWith('f:')) fromFieldsV1(child, [...prefix, key.slice(2)], out);
  }
  return out;
}

function valueAt(object: unknown, path: string): unknown {
  let current = object;
  for (const key of path.split(SEPARATOR)) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function removeAt(object: JsonObject, path: string): void {
  const keys = path.split(SEPARATOR);
  const parents: JsonObject[] = [object];
  let current: unknown = object;
  for (const key of keys.slice(0, -1)) {
    if (!isJsonObject(current)) return;
    current = current[key];
    if (!isJsonObject(current)) return;
    parents.push(current);
  }
  const last = keys[keys.length - 1] ?? '';
  const parent = parents[parents.length - 1];
  if (parent) delete parent[last];
  // Drop maps the removal emptied, as the applied configuration no longer mentions them.
  for (let index = parents.length - 1; index > 0; index -= 1) {
    const node = parents[index];
    const owner = parents[index - 1];
    if (node && owner && Object.keys(node).length === 0) delete owner[keys[index - 1] ?? ''];
  }
}

function entriesOf(live: JsonObject | undefined): ManagedFieldsEntry[] {
  const metadata = live && isJsonObject(live.metadata) ? live.metadata : {};
  return Array.isArray(metadata.managedFields) ? (metadata.managedFields.filter(isJsonObject) as unknown as ManagedFieldsEntry[]) : [];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutNulls(item)]),
  );
}

/** The object after applying `request.applied` as `request.manager`, with managedFields updated. */
export function serverSideApply(request: ApplyRequest): JsonObject {
  const { live, applied, manager } = request;
  const entries = entriesOf(live);
  const applying = fieldSetOf(applied);
  const others = entries.filter((entry) => !(entry.manager === manager && entry.operation === 'Apply') && entry.operation === 'Apply');
  const conflicts: { manager: string; path: string }[] = [];
  for (const entry of others) {
    const owned = fromFieldsV1(entry.fieldsV1);
    for (const path of applying) {
      if (owned.has(path) && !sameValue(valueAt(live, path), valueAt(applied, path))) conflicts.push({ manager: entry.manager, path });
    }
  }
  if (conflicts.length > 0 && !request.force) {
    const describe = (path: string): string => `.${path.split(SEPARATOR).join('.')}`;
    const causes = conflicts.map((conflict) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${conflict.manager}"`,
      field: describe(conflict.path),
    }));
    const lines = conflicts.map((conflict) => `conflict with "${conflict.manager}": ${describe(conflict.path)}`);
    const summary =
      conflicts.length === 1 ? `Apply failed with 1 conflict: ${lines[0]}` : `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
    throw new ApiError(409, 'Conflict', summary, { causes });
  }

  const previous = entries.find((entry) => entry.manager === manager && entry.operation === 'Apply');
  const ownedByOthers = new Set<string>();
  for (const entry of others) for (const path of fromFieldsV1(entry.fieldsV1)) if (!applying.has(path)) ownedByOthers.add(path);
  const merged = mergePatch(live ?? {}, withoutNulls(applied));
  const result: JsonObject = isJsonObject(merged) ? merged : {};
  for (const path of fromFieldsV1(previous?.fieldsV1)) if (!applying.has(path) && !ownedByOthers.has(path)) removeAt(result, path);

  const kept = entries
    .filter((entry) => entry !== previous)
    .map((entry) => {
      if (entry.operation !== 'Apply' || !request.force) return entry;
      const remaining = new Set([...fromFieldsV1(entry.fieldsV1)].filter((path) => !applying.has(path)));
      return { ...entry, fieldsV1: toFieldsV1(remaining) };
    });
  const fieldsV1 = toFieldsV1(applying);
  // An unchanged field set keeps its timestamp, so a repeated identical apply writes nothing.
  const time = previous?.time !== undefined && canonicalJson(previous.fieldsV1) === canonicalJson(fieldsV1) ? previous.time : request.now;
  const own: ManagedFieldsEntry = { manager, operation: 'Apply', apiVersion: request.apiVersion, time, fieldsType: 'FieldsV1', fieldsV1 };
  const metadata = isJsonObject(result.metadata) ? deepClone(result.metadata) : {};
  metadata.managedFields = [...kept, own];
  return { ...result, metadata };
}
