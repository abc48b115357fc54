// Sets values in JSON text in place, as Kargo's json-update does with
// tidwall/sjson: keys follow sjson's syntax (dots, `\.` escapes, numeric parts
// index arrays, `-1` appends), missing keys are created, and everything not
// touched keeps its formatting (jsonc-parser computes minimal edits).

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
      const path = toJsonPath(out, splitKey(update.key));
      out = applyEdits(out, modify(out, path, update.value, { formattingOptions: formattingOf(out) }));
    } catch (error) {
      throw new Error(`error setting key ${JSON.stringify(update.key)} in JSON file: ${errorMessage(error)}`);
    }
  }
  return out;
}

function isScalar(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** Numeric parts index an array where one exists there; elsewhere they are object keys. */
function toJsonPath(text: string, parts: readonly string[]): JSONPath {
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
  return path;
}

function formattingOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
