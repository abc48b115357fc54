// Sets scalar values in TOML text as Kargo's toml-update does (pkg/toml):
// each key must address an existing scalar, and only that value's text is
// replaced, so comments and layout stay. Values are written as go-toml writes
// them (a string in literal quotes when it can be).

import { splitKey } from './key-path.js';
import { indexTomlValues, pathId } from './toml-document.js';
import type { ValueUpdate } from './yaml-values.js';
import { errorMessage } from './fs-errors.js';

export function setTomlValues(text: string, updates: readonly ValueUpdate[]): string {
  let index;
  try {
    index = indexTomlValues(text);
  } catch (error) {
    throw new Error(`error parsing input: ${errorMessage(error)}`);
  }
  const changes = new Map<number, { end: number; replacement: string }>();
  for (const update of updates) {
    let parts: string[];
    try {
      parts = splitKey(update.key);
    } catch (error) {
      throw new Error(`error splitting key ${update.key}: ${errorMessage(error)}`);
    }
    const node = index.get(pathId(parts));
    if (!node) throw new Error(`error finding key ${update.key}: key path not found`);
    if (node.kind !== 'Scalar') {
      throw new Error(`error finding key ${update.key}: key path addresses ${node.kind} instead of a scalar node`);
    }
    const replacement = formatTomlValue(update.value);
    if (replacement === undefined) {
      throw new Error(`error formatting value for key ${update.key}: value is not a TOML scalar type`);
    }
    changes.set(node.range[0], { end: node.range[1], replacement });
  }
  let out = text;
  for (const [start, change] of [...changes.entries()].sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, start) + change.replacement + out.slice(change.end);
  }
  return out;
}

/** go-toml's rendering of a scalar, or undefined for anything that is not one. */
export function formatTomlValue(value: unknown): string | undefined {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  if (!/['\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) return `'${value}'`;
  return JSON.stringify(value).replace(/\u007f/g, '\\u007F');
}

/** For commit messages: the TOML text, or Go's `%v` when the value is no scalar. */
export function formatTomlValueForMessage(value: unknown): string {
  return formatTomlValue(value) ?? (typeof value === 'object' ? JSON.stringify(value) : String(value));
}
