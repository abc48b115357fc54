// Runs a parsed JSONPath template over JSON data with client-go's semantics:
// `{range}`…`{end}` repeats the nodes between them for every result, a missing
// field is an error unless missing keys are allowed, filters compare one value
// with Go template's rules (an int64 never equals a float).

import { goSprint, goTypeName, isMap, sortedEntries } from '../go-values.js';
import type { ListNode, PathNode } from './nodes.js';

/** A float literal of the template (`{2.0}`), kept apart from JSON integers as Go keeps float64 from int64. */
export class FloatLiteral {
  constructor(readonly value: number) {}
}

export class JsonPathExecutionError extends Error {}

export function findResults(root: PathNode[], data: unknown, allowMissingKeys: boolean): unknown[][] {
  return new Execution(root, allowMissingKeys).results(0, data);
}

class Execution {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEnd = -1;

  constructor(
    private readonly root: PathNode[],
    private readonly allowMissingKeys: boolean,
  ) {}

  results(start: number, data: unknown): unknown[][] {
    const all: unknown[][] = [];
    for (let index = start; index < this.root.length; index++) {
      const node = this.root[index] as PathNode;
      const found = this.walk([data], node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEnd = index;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (found.length > 0) for (const value of found) all.push(...this.results(index + 1, value));
        else this.results(index + 1, null);
        this.inRange--;
        for (let after = index + 1; after < this.root.length; after++) {
          if (after === this.lastEnd) {
            index = after;
            break;
          }
        }
        continue;
      }
      all.push(found);
    }
    return all;
  }

  private walk(input: unknown[], node: PathNode): unknown[] {
    switch (node.kind) {
      case 'list':
        return this.list(input, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.field(input, node.name);
      case 'array':
        return input.flatMap((value) => (value === null || value === undefined ? [] : slice(value, node.bounds)));
      case 'filter':
        return input.flatMap((value) => this.filter(value, node));
      case 'int':
      case 'bool':
        return input.map(() => node.value);
      case 'float':
        return input.map(() => new FloatLiteral(node.value));
      case 'wildcard':
        return input.flatMap(children);
      case 'recursive':
        return input.flatMap(descendants);
      case 'union':
        return node.lists.flatMap((list) => this.list(input, list));
      case 'identifier':
        return this.identifier(input, node.name);
    }
  }

  private list(input: unknown[], node: ListNode): unknown[] {
    return node.nodes.reduce((values, child) => this.walk(values, child), input);
  }

  private field(input: unknown[], name: string): unknown[] {
    if (input.length === 0) return [];
    const found = input.filter(isMap).flatMap((map) => (Object.hasOwn(map, name) ? [map[name]] : []));
    if (found.length === 0 && !this.allowMissingKeys) throw new JsonPathExecutionError(`${name} is not found`);
    return found;
  }

  private identifier(input: unknown[], name: string): unknown[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange === 0) throw new JsonPathExecutionError('not in range, nothing to end');
      this.endRange++;
      return [];
    }
    throw new JsonPathExecutionError(`unrecognized identifier ${name}`);
  }

  private filter(value: unknown, node: Extract<PathNode, { kind: 'filter' }>): unknown[] {
    if (!Array.isArray(value)) throw new JsonPathExecutionError(`${goSprint(value, 'int')} is not array or slice and cannot be filtered`);
    return value.filter((element) => {
      if (node.operator === 'exists') {
        try {
          return this.list([element], node.left).length > 0;
        } catch {
          return false;
        }
      }
      const left = single(this.list([element], node.left));
      if (left === undefined) return false;
      const right = single(this.list([element], node.right));
      if (right === undefined) return false;
      return compare(left.value, right.value, node.operator);
    });
  }
}

function single(values: unknown[]): { value: unknown } | undefined {
  if (values.length > 1) throw new JsonPathExecutionError('can only compare one element at a time');
  return values.length === 0 ? undefined : { value: values[0] };
}

function slice(value: unknown, bounds: Extract<PathNode, { kind: 'array' }>['bounds']): unknown[] {
  if (!Array.isArray(value)) throw new JsonPathExecutionError(`${goTypeName(value, 'int')} is not array or slice`);
  const length = value.length;
  const [first, second, third] = bounds;
  let start = first.known ? first.value : 0;
  if (start < 0) start += length;
  let end = second.known ? second.value : length;
  if (end < 0 || (end === 0 && second.derived)) end += length;
  if (end === start) return [];
  if (start >= length || start < 0) throw new JsonPathExecutionError(`array index out of bounds: index ${start}, length ${length}`);
  if (end > length || end < 0) throw new JsonPathExecutionError(`array index out of bounds: index ${end - 1}, length ${length}`);
  if (start > end) throw new JsonPathExecutionError(`starting index ${start} is greater than ending index ${end}`);
  const step = third.known ? third.value : 1;
  if (step <= 0) throw new JsonPathExecutionError('step must be > 0');
  const result: unknown[] = [];
  for (let index = start; index < end; index += step) result.push(value[index]);
  return result;
}

/** A value's members in order (a map's by sorted key, where Go's order is random; a string's bytes). */
function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isMap(value)) return sortedEntries(value).map(([, item]) => item);
  if (typeof value === 'string') return [...new TextEncoder().encode(value)];
  return [];
}

/** `..`: every value that has members, each followed by its own such descendants. */
function descendants(value: unknown): unknown[] {
  const members = children(value);
  if (members.length === 0) return [];
  return [value, ...members.flatMap(descendants)];
}

type BasicKind = 'bool' | 'int' | 'float' | 'string';

function basicKind(value: unknown): BasicKind {
  if (value instanceof FloatLiteral) return 'float';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  throw new JsonPathExecutionError('invalid type for comparison');
}

function compare(left: unknown, right: unknown, operator: string): boolean {
  const kind = basicKind(left);
  if (kind !== basicKind(right)) throw new JsonPathExecutionError('incompatible types for comparison');
  const a = left instanceof FloatLiteral ? left.value : (left as number | string | boolean);
  const b = right instanceof FloatLiteral ? right.value : (right as number | string | boolean);
  switch (operator) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
  if (kind === 'bool') throw new JsonPathExecutionError('invalid type for comparison');
  switch (operator) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  throw new JsonPathExecutionError(`unrecognized filter operator ${operator}`);
}
