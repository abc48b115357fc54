// expr-lang's binary operators on values (vm/runtime helpers): numbers mix
// int and float freely, `/` and `**` always give a float, `%` wants ints,
// `+` also joins strings, comparisons work on numbers or on strings.

import { EvaluationFault } from './errors.js';
import { conversionMessage, equal, GoStruct, goTypeName, isInt, isMap, isNil } from './values.js';

const MAX_RANGE = 1e6;
const regexCache = new Map<string, RegExp>();

export function binaryOperation(operator: string, a: unknown, b: unknown): unknown {
  switch (operator) {
    case '+':
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      return invalid(a, '+', b);
    case '-':
      return numeric(a, b) ? (a as number) - (b as number) : invalid(a, '-', b);
    case '*':
      return numeric(a, b) ? (a as number) * (b as number) : invalid(a, '*', b);
    case '/':
      return numeric(a, b) ? (a as number) / (b as number) : invalid(a, '/', b);
    case '%':
      if (!isInt(a) || !isInt(b)) return invalid(a, '%', b);
      if (b === 0) throw new EvaluationFault('integer divide by zero');
      return a % b;
    case '**':
    case '^':
      if (!numeric(a, b)) throw new EvaluationFault(`invalid operation: float(${goTypeName(typeof a === 'number' ? b : a)})`);
      return (a as number) ** (b as number);
    case '==':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(operator, a, b);
    case 'in':
      return contains(b, a);
    case 'matches':
      return matches(a, b);
    case 'contains':
      return stringTest(a, b, (x, y) => x.includes(y));
    case 'startsWith':
      return stringTest(a, b, (x, y) => x.startsWith(y));
    case 'endsWith':
      return stringTest(a, b, (x, y) => x.endsWith(y));
    case '..':
      return range(a, b);
    default:
      throw new EvaluationFault(`unknown operator ${operator}`);
  }
}

function numeric(a: unknown, b: unknown): boolean {
  return typeof a === 'number' && typeof b === 'number';
}

function invalid(a: unknown, operator: string, b: unknown): never {
  throw new EvaluationFault(`invalid operation: ${goTypeName(a)} ${operator} ${goTypeName(b)}`);
}

function compare(operator: string, a: unknown, b: unknown): boolean {
  const comparable = (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) invalid(a, operator, b);
  const x = a as number | string;
  const y = b as number | string;
  switch (operator) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    default:
      return x >= y;
  }
}

/** runtime.In: element of an array, key of a map, field of a struct; nil holds nothing. */
export function contains(collection: unknown, needle: unknown): boolean {
  if (isNil(collection)) return false;
  if (Array.isArray(collection)) return collection.some((item) => equal(item, needle));
  if (collection instanceof GoStruct) {
    if (typeof needle !== 'string') {
      throw new EvaluationFault(`cannot use ${goTypeName(needle)} as field name of ${collection.goType}`);
    }
    return collection.has(needle);
  }
  if (isMap(collection)) {
    return typeof needle === 'string' && Object.hasOwn(collection, needle);
  }
  throw new EvaluationFault(`operator "in" not defined on ${goTypeName(collection)}`);
}

function stringTest(a: unknown, b: unknown, test: (x: string, y: string) => boolean): boolean {
  if (isNil(a) || isNil(b)) return false;
  if (typeof a !== 'string') throw new EvaluationFault(conversionMessage(a, 'string'));
  if (typeof b !== 'string') throw new EvaluationFault(conversionMessage(b, 'string'));
  return test(a, b);
}

function matches(a: unknown, b: unknown): boolean {
  return stringTest(a, b, (text, pattern) => compileRegex(pattern).test(text));
}

/** Go's RE2 syntax as a JS RegExp; a leading `(?i)`/`(?s)`/`(?m)` becomes a flag. */
function compileRegex(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    const inline = /^\(\?([ims]+)\)/.exec(pattern);
    const flags = `u${inline ? [...new Set(inline[1])].join('') : ''}`;
    try {
      regex = new RegExp(inline ? pattern.slice(inline[0].length) : pattern, flags);
    } catch (error) {
      throw new EvaluationFault(`error parsing regexp: ${(error as Error).message}`);
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(pattern, regex);
  }
  return regex;
}

function range(a: unknown, b: unknown): number[] {
  const from = toInt(a);
  const to = toInt(b);
  const size = to - from + 1;
  if (size <= 0) return [];
  if (size > MAX_RANGE) throw new EvaluationFault('memory budget exceeded');
  return Array.from({ length: size }, (_, index) => from + index);
}

/** runtime.ToInt: numbers truncate to int, anything else is an error. */
export function toInt(value: unknown): number {
  if (typeof value !== 'number') throw new EvaluationFault(`invalid operation: int(${goTypeName(value)})`);
  return Math.trunc(value);
}
