// Merges YAML documents the way Kargo's yaml-merge does (kyaml's merge2, as
// Helm merges values): maps merge key by key, a later file wins, lists and
// scalars are replaced whole, and a null clears the key. Nodes are moved, not
// re-serialised, so the comments of both sides survive.

import { isMap, isScalar, parseDocument } from 'yaml';
import type { Document, Node as YamlNode, Pair } from 'yaml';

/** Parses one input; undefined for an empty file (which Kargo skips). */
export function readYamlDocument(text: string, label: string): Document | undefined {
  const doc = parseDocument(text);
  const parseError = doc.errors[0];
  if (parseError) throw new Error(`error reading input file ${label}: ${parseError.message}`);
  return doc.contents === null ? undefined : doc;
}

export function mergeYamlDocuments(documents: readonly Document[]): string {
  const [target, ...patches] = documents;
  if (!target) return '';
  for (const patch of patches) {
    if (isMap(target.contents) && isMap(patch.contents)) {
      mergeMaps(target.contents, patch.contents);
    } else {
      target.contents = patch.contents;
    }
  }
  return target.toString();
}

function mergeMaps(target: { items: Pair[] }, patch: { items: Pair[] }): void {
  for (const pair of patch.items) {
    const key = keyOf(pair.key);
    const index = target.items.findIndex((existing) => keyOf(existing.key) === key);
    const value = pair.value as YamlNode | null;
    if (isNull(value)) {
      if (index >= 0) target.items.splice(index, 1);
      continue;
    }
    const existing = index >= 0 ? target.items[index] : undefined;
    if (existing && isMap(existing.value) && isMap(value)) {
      mergeMaps(existing.value, value);
    } else if (existing) {
      existing.value = value;
    } else {
      target.items.push(pair);
    }
  }
}

function keyOf(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

function isNull(value: YamlNode | null): boolean {
  return value === null || (isScalar(value) && value.value === null);
}
