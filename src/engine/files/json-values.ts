// Sets values in JSON text in place, as Kargo's json-update does with
// tidwall/sjson: keys follow sjson's syntax (dots, `\.` escapes, numeric parts
// index arrays, `-1` appends), missing keys are created (written compactly, as
// sjson writes them), and everything not touched keeps its formatting.

import { applyEdits, findNodeAtLocation, modify, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { JSONPath, Node as JsonNode, ParseError } from 'jsonc-parser';
import { splitKey } from './key-path.js';
import { errorMessage } from './fs-errors.js';
import type { ValueUpdate } from './yaml-values.js';

export function setJsonValues(text: string, updates: readonly ValueUpdate[]): string {
  let out = text;
  for (const update of updates) {
    if (!isScalar(update.value)) throw new Error(`value for key ${JSON.stringify(update.key)} is not a scalar type`);
    try {
      const { path, existing } = locate(out, splitKey(update.key));
      out = existing
        ? out.slice(0, existing.offset) + JSON.stringify(update.value) + out.slice(existing.offset + existing.length)
        : applyEdits(out, modify(out, path, update.value, {}));
    } catch (error) {
      throw new Error(`error setting key ${JSON.stringify(update.key)} in JSON file: ${errorMessage(error)}`);
    }
  }
  return out;
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * The path jsonc-parser needs (numeric parts index an array where one exists
 * there; elsewhere they are object keys) and the value already there, if any:
 * an existing value is replaced as text, so nothing around it is reformatted.
 */
function locate(text: string, parts: readonly string[]): { path: JSONPath; existing?: JsonNode } {
  const errors: ParseError[] = [];
  const root = text.trim() === '' ? undefined : parseTree(text, errors, { allowTrailingComma: true });
  const firstError = errors[0];
  if (firstError) {
    throw new Error(`invalid JSON: ${printParseErrorCode(firstError.error)} at offset ${firstError.offset}`);
  }
  const path: JSONPath = [];
  for (const part of parts) {
    const container: JsonNode | undefined = root && findNodeAtLocation(root, path);
    path.push(container?.type === 'array' && /^-?\d+$/.test(part) ? Number(part) : part);
  }
  const existing = root && findNodeAtLocation(root, path);
  return existing ? { path, existing } : { path };
}
