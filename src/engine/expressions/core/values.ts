// How Go values look from JavaScript. nil is null (undefined is read as nil
// too), bool/string are themselves, numbers are JS numbers (an integral
// number plays Go's int, any other number float64), arrays are arrays, maps
// are plain objects, functions are functions. A Go struct (what Kargo's
// functions return, e.g. a v1alpha1.Image) is a GoStruct: fields by their Go
// names for expressions, its JSON form for output.

export type ExprFunction = (...args: unknown[]) => unknown;

export class GoStruct {
  constructor(
    /** Go's `%T`, e.g. `*v1alpha1.Image`. */
    readonly goType: string,
    /** Fields and zero-argument-or-more methods by their Go names (`RepoURL`, `Major`). */
    readonly members: Readonly<Record<string, unknown>>,
    /** What encoding/json would write for it. */
    readonly json: () => unknown,
    /** What fmt's `%v` would print (a Stringer), when not `{field …}`. */
    readonly display?: () => string,
  ) {}

  has(name: string): boolean {
    return Object.hasOwn(this.members, name);
  }
}

export function isNil(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof GoStruct);
}

export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Go's `%T` of a value, as expr-lang's messages print it. */
export function goTypeName(value: unknown): string {
  if (isNil(value)) return '<nil>';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float64';
    case 'function':
      return 'func(...interface {}) (interface {}, error)';
  }
  if (Array.isArray(value)) return '[]interface {}';
  if (value instanceof GoStruct) return value.goType;
  return 'map[string]interface {}';
}

/** What a failed Go type assertion `x.(T)` panics with. */
export function conversionMessage(value: unknown, wanted: string): string {
  const actual = isNil(value) ? 'nil' : goTypeName(value);
  return `interface conversion: interface {} is ${actual}, not ${wanted}`;
}

/** expr-lang's runtime.Equal: numbers compare across int/float, the rest deeply. */
export function equal(a: unknown, b: unknown): boolean {
  if (isNil(a) || isNil(b)) return isNil(a) && isNil(b);
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => equal(item, b[index]));
  }
  if (a instanceof GoStruct || b instanceof GoStruct) {
    return a instanceof GoStruct && b instanceof GoStruct && a.goType === b.goType && equal(a.json(), b.json());
  }
  const aKeys = Object.keys(a);
  const bMap = b as Record<string, unknown>;
  if (aKeys.length !== Object.keys(bMap).length) return false;
  return aKeys.every((key) => Object.hasOwn(bMap, key) && equal((a as Record<string, unknown>)[key], bMap[key]));
}

/** `target[key] = value` that also works for the key `__proto__` (kept as data, never as a prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

const ZERO_VALUE = Symbol('zero value of the element type');

/**
 * Marks a map as Go-typed (e.g. map[string]string): reading a missing key
 * gives the element type's zero value ('' for strings) instead of nil.
 */
export function withZeroValue<T extends Record<string, unknown>>(map: T, zero: unknown): T {
  Object.defineProperty(map, ZERO_VALUE, { value: zero, enumerable: false });
  return map;
}

/** What reading a missing key of `map` gives. */
export function zeroValueOf(map: Record<string, unknown>): unknown {
  return (map as { [ZERO_VALUE]?: unknown })[ZERO_VALUE] ?? null;
}
