// Values as Go's text/template sees kubectl's data: the unstructured object, where
// whole numbers are int64 and others float64; integer literals of the template and
// len's results are Go ints (bigint here); null and missing keys are "no value".

import { goFloat, goSprint, isMap, sortedEntries } from '../go-values.js';

export type GoValue = unknown;

export class TemplateExecutionError extends Error {}

/** Go template truth: false, 0, nil and empty strings, slices and maps are false. */
export function truthy(value: GoValue): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isMap(value)) return Object.keys(value).length > 0;
  return true;
}

/** fmt.Sprint of one value, as {{.x}} prints it. */
export function printValue(value: GoValue): string {
  if (value === undefined || value === null) return '<no value>';
  return sprintValue(value);
}

export function sprintValue(value: GoValue): string {
  if (value === undefined || value === null) return '<nil>';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : goFloat(value);
  if (Array.isArray(value)) return `[${value.map(sprintValue).join(' ')}]`;
  if (isMap(value))
    return `map[${sortedEntries(value)
      .map(([key, item]) => `${key}:${sprintValue(item)}`)
      .join(' ')}]`;
  return goSprint(value, 'float');
}

export function typeName(value: GoValue): string {
  if (value === undefined || value === null) return '<nil>';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}

type BasicKind = 'bool' | 'int' | 'float' | 'string';

function basicKind(value: GoValue): BasicKind | undefined {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'string';
  return undefined;
}

/** Go's eq for two values: nil equals only nil; different basic kinds are an error, as in Go. */
export function goEqual(left: GoValue, right: GoValue): boolean {
  const missingLeft = left === undefined || left === null;
  const missingRight = right === undefined || right === null;
  if (missingLeft || missingRight) return missingLeft === missingRight;
  const kind = basicKind(left);
  if (kind !== basicKind(right))
    throw new TemplateExecutionError(kind ? 'incompatible types for comparison' : `non-comparable type ${sprintValue(left)}: ${typeName(left)}`);
  if (!kind) throw new TemplateExecutionError(`non-comparable type ${sprintValue(left)}: ${typeName(left)}`);
  return kind === 'int' ? BigInt(left as number | bigint) === BigInt(right as number | bigint) : left === right;
}

export function goLess(left: GoValue, right: GoValue): boolean {
  const kind = basicKind(left);
  if (!kind || kind === 'bool') throw new TemplateExecutionError('invalid type for comparison');
  if (kind !== basicKind(right)) throw new TemplateExecutionError('incompatible types for comparison');
  return (left as string | number | bigint) < (right as string | number | bigint);
}

/** A Go integer of either kind (an int64 of the data or an int of the template), or undefined. */
export function integerOf(value: GoValue): bigint | undefined {
  if (typeof value === 'bigint') return value;
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : undefined;
}
