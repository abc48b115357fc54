// Sets scalar values in YAML text the way Kargo's yaml-update does
// (pkg/yaml.SetValuesInBytes): each key must address an existing scalar, and
// only that scalar's text changes, so comments, order, anchors and layout stay
// as they were. Kargo rewrites from the value to the end of its line; replacing
// just the scalar's own range also keeps a trailing comment.

import { isMap, isScalar, isSeq, parse, parseAllDocuments } from 'yaml';
import type { Node as YamlNode, Scalar } from 'yaml';
import { splitKey } from './key-path.js';
import { quoteIfNecessary } from './quote.js';

export interface ValueUpdate {
  key: string;
  value: unknown;
}

export function setYamlValues(text: string, updates: readonly ValueUpdate[]): string {
  // Like Kargo (yaml.v3 into one Node), only the first document is addressed; the rest stays as it is.
  const [doc] = parseAllDocuments(text);
  const parseError = doc?.errors[0];
  if (parseError) throw new Error(`error unmarshaling input: ${parseError.message}`);

  const changes = new Map<number, { end: number; replacement: string }>();
  for (const update of updates) {
    let parts: string[];
    try {
      parts = splitKey(update.key);
    } catch (error) {
      throw new Error(`error splitting key ${update.key}: ${(error as Error).message}`);
    }
    const scalar = findScalar((doc?.contents ?? null) as YamlNode | null, parts, update.key);
    const [start, end] = scalar.range ?? [0, 0];
    const original = text.slice(start, end);
    const replacement = formatYamlValue(update.value) + (original.endsWith('\n') ? '\n' : '');
    changes.set(start, { end, replacement });
  }

  let out = text;
  for (const [start, change] of [...changes.entries()].sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, start) + change.replacement + out.slice(change.end);
  }
  return out;
}

function findScalar(node: YamlNode | null, parts: readonly string[], key: string): Scalar {
  const fail = (why: string): never => {
    throw new Error(`error finding key ${key}: ${why}`);
  };
  let current: YamlNode | null = node;
  for (const part of parts) {
    if (isMap(current)) {
      const pair = current.items.find((item) => keyText(item.key) === part);
      if (!pair) fail('key path not found');
      current = (pair?.value ?? null) as YamlNode | null;
    } else if (isSeq(current)) {
      if (!/^[+-]?\d+$/.test(part)) fail(`strconv.Atoi: parsing ${JSON.stringify(part)}: invalid syntax`);
      const item: unknown = current.items[Number(part)];
      if (item === undefined) fail('key path not found');
      current = item as YamlNode;
    } else {
      fail('key path not found');
    }
  }
  if (!isScalar(current)) return fail('key path does not address a scalar node');
  return current;
}

function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.source ?? String(key.value);
}

/** Kargo's rendering, double-quoted as well when the plain text would not read back as the same string. */
export function formatYamlValue(value: unknown): string {
  const text = quoteIfNecessary(value);
  if (typeof value !== 'string' || text !== value) return text;
  return readsBackAs(text, value) ? text : JSON.stringify(value);
}

function readsBackAs(text: string, value: string): boolean {
  try {
    const parsed: unknown = parse(`v: ${text}`);
    return typeof parsed === 'object' && parsed !== null && (parsed as { v?: unknown }).v === value;
  } catch {
    return false;
  }
}
