// Patch formats: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and
// strategic merge patch, which for custom resources is a merge patch.

import { ApiError, badRequest } from './status.js';
import { deepClone, isJsonObject, type JsonObject } from './types.js';

export type PatchKind = 'merge' | 'json' | 'strategic' | 'apply';

const CONTENT_TYPES: Record<string, PatchKind> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

export function patchKindOf(contentType: string | undefined): PatchKind | undefined {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return CONTENT_TYPES[mediaType];
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return deepClone(patch);
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** Unprocessable patch: well-formed but cannot be applied. kube-apiserver's message says no more; the cause says why. */
function patchFailed(why: string): ApiError {
  return new ApiError(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    causes: [{ reason: 'FieldValueInvalid', message: why }],
  });
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`json patch: invalid path "${pointer}": must start with "/"`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = JsonObject | unknown[];

function parentOf(document: unknown, tokens: string[], path: string): { container: Container; last: string } {
  let current: unknown = document;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isJsonObject(current)) current = current[token];
    else current = undefined;
    if (current === undefined) throw patchFailed(`path "${path}" does not exist`);
  }
  if (!Array.isArray(current) && !isJsonObject(current)) throw patchFailed(`path "${path}" does not exist`);
  return { container: current, last: tokens[tokens.length - 1] ?? '' };
}

function arrayIndex(array: unknown[], token: string, path: string, allowEnd: boolean): number {
  if (token === '-' && allowEnd) return array.length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw patchFailed(`invalid array index "${token}" in "${path}"`);
  const index = Number(token);
  if (index > array.length || (!allowEnd && index === array.length)) throw patchFailed(`array index ${index} out of bounds in "${path}"`);
  return index;
}

function getAt(document: unknown, path: string): unknown {
  let current: unknown = document;
  for (const token of decodePointer(path)) {
    if (Array.isArray(current)) current = current[arrayIndex(current, token, path, false)];
    else if (isJsonObject(current) && Object.hasOwn(current, token)) current = current[token];
    else throw patchFailed(`path "${path}" does not exist`);
  }
  return current;
}

function addAt(document: unknown, path: string, value: unknown): unknown {
  const tokens = decodePointer(path);
  if (tokens.length === 0) return deepClone(value);
  const { container, last } = parentOf(document, tokens, path);
  if (Array.isArray(container)) container.splice(arrayIndex(container, last, path, true), 0, deepClone(value));
  else container[last] = deepClone(value);
  return document;
}

function removeAt(document: unknown, path: string): unknown {
  const tokens = decodePointer(path);
  if (tokens.length === 0) throw patchFailed('cannot remove the whole document');
  const { container, last } = parentOf(document, tokens, path);
  if (Array.isArray(container)) container.splice(arrayIndex(container, last, path, false), 1);
  else if (Object.hasOwn(container, last)) delete container[last];
  else throw patchFailed(`path "${path}" does not exist`);
  return document;
}

function isEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isJsonObject(value))
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical(value[key])]),
    );
  return value;
}

export function jsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw badRequest('error decoding patch: a JSON patch must be a JSON array of operations');
  let document = deepClone(target);
  for (const operation of operations) {
    if (!isJsonObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') {
      throw badRequest('json patch: every operation needs string "op" and "path"');
    }
    const { op, path } = operation;
    const from = typeof operation.from === 'string' ? operation.from : undefined;
    switch (op) {
      case 'add':
        document = addAt(document, path, operation.value);
        break;
      case 'remove':
        document = removeAt(document, path);
        break;
      case 'replace':
        getAt(document, path);
        document = addAt(removeAt(document, path), path, operation.value);
        break;
      case 'move': {
        if (from === undefined) throw badRequest('json patch: "move" needs "from"');
        const value = getAt(document, from);
        document = addAt(removeAt(document, from), path, value);
        break;
      }
      case 'copy': {
        if (from === undefined) throw badRequest('json patch: "copy" needs "from"');
        document = addAt(document, path, getAt(document, from));
        break;
      }
      case 'test':
        if (!isEqual(getAt(document, path), operation.value)) throw patchFailed(`testing value ${path} failed`);
        break;
      default:
        throw patchFailed(`unknown operation "${op}"`);
    }
  }
  return document;
}
