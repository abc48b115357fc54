// TOML through toml-eslint-parser, which keeps every node's source range:
// parseToml gives plain values (dates as their ISO text, so outputs stay JSON),
// indexTomlValues maps each key path to the node found there.

import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import type { AST } from 'toml-eslint-parser';

export function parseToml(text: string): unknown {
  return withDatesAsText(getStaticTOMLValue(parseTOML(text)));
}

function withDatesAsText(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(withDatesAsText);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withDatesAsText(item)]));
  }
  return value;
}

export interface TomlNodeRef {
  /** go-toml's names for node kinds, as Kargo's errors print them. */
  kind: 'Table' | 'ArrayTable' | 'Array' | 'InlineTable' | 'Scalar';
  range: readonly [number, number];
}

/** Every addressable node by its key path (parts joined with NUL, which no key contains). */
export function indexTomlValues(text: string): Map<string, TomlNodeRef> {
  const program = parseTOML(text);
  const index = new Map<string, TomlNodeRef>();
  for (const top of program.body) {
    for (const entry of top.body) {
      if (entry.type === 'TOMLKeyValue') {
        indexValue(index, keyParts(entry.key), entry.value);
        continue;
      }
      const path = entry.resolvedKey.map(String);
      const kind = entry.kind === 'array' ? 'ArrayTable' : 'Table';
      index.set(pathId(path), { kind, range: entry.range });
      if (kind === 'ArrayTable') index.set(pathId(path.slice(0, -1)), { kind, range: entry.range });
      for (const pair of entry.body) indexValue(index, [...path, ...keyParts(pair.key)], pair.value);
    }
  }
  return index;
}

export function pathId(path: readonly string[]): string {
  return path.join('\u0000');
}

function indexValue(index: Map<string, TomlNodeRef>, path: string[], node: AST.TOMLContentNode): void {
  if (node.type === 'TOMLArray') {
    index.set(pathId(path), { kind: 'Array', range: node.range });
    node.elements.forEach((element, i) => indexValue(index, [...path, String(i)], element));
  } else if (node.type === 'TOMLInlineTable') {
    index.set(pathId(path), { kind: 'InlineTable', range: node.range });
    for (const pair of node.body) indexValue(index, [...path, ...keyParts(pair.key)], pair.value);
  } else {
    index.set(pathId(path), { kind: 'Scalar', range: node.range });
  }
}

function keyParts(key: AST.TOMLKey): string[] {
  return key.keys.map((part) => (part.type === 'TOMLBare' ? part.name : part.value));
}
