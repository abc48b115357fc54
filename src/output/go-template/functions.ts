// The functions kubectl's Go templates have: text/template's builtins plus
// kubectl's `exists` and `base64decode`, and `json` (an addition of this CLI;
// kubectl has none: it prints a value as compact JSON with sorted keys).

import { goJson, isMap } from '../go-values.js';
import { goSprintf } from './printf.js';
import { goEqual, goLess, type GoValue, integerOf, sprintValue, TemplateExecutionError, truthy, typeName } from './values.js';

export type TemplateFunction = (args: GoValue[]) => GoValue;

export const FUNCTIONS: Readonly<Record<string, TemplateFunction>> = {
  not: ([value]) => !truthy(value),
  len: ([value]) => length(value),
  index: ([item, ...keys]) => keys.reduce(indexOne, item),
  slice: ([item, ...bounds]) => sliceOf(item, bounds),
  print: (args) => goSprint(args),
  println: (args) => `${args.map(sprintValue).join(' ')}\n`,
  printf: ([format, ...args]) => goSprintf(typeof format === 'string' ? format : sprintValue(format), args),
  eq: ([first, ...rest]) => {
    if (rest.length === 0) throw new TemplateExecutionError('missing argument for comparison');
    return rest.some((other) => goEqual(first, other));
  },
  ne: ([left, right]) => !goEqual(left, right),
  lt: ([left, right]) => goLess(left, right),
  le: ([left, right]) => goLess(left, right) || goEqual(left, right),
  gt: ([left, right]) => !goLess(left, right) && !goEqual(left, right),
  ge: ([left, right]) => !goLess(left, right),
  json: ([value]) => goJson(jsonable(value)),
  exists: ([item, ...keys]) => exists(item, keys),
  base64decode: ([value]) => {
    if (typeof value !== 'string') throw new TemplateExecutionError(`base64decode: expected a string, got ${typeName(value)}`);
    return Buffer.from(value, 'base64').toString('utf8');
  },
  html: (args) => goSprint(args).replace(/[&'<>"\0]/g, (char) => HTML_ESCAPES[char] ?? char),
  urlquery: (args) =>
    encodeURIComponent(goSprint(args))
      .replace(/%20/g, '+')
      .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`),
};

/** `and` and `or` see their arguments one at a time: evaluation stops at the deciding one. */
export const SHORT_CIRCUIT = new Set(['and', 'or']);

export const FUNCTION_NAMES: ReadonlySet<string> = new Set([...Object.keys(FUNCTIONS), ...SHORT_CIRCUIT]);

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;', '\0': '\uFFFD' };

/** fmt.Sprint: a space between operands when neither side is a string. */
function goSprint(args: GoValue[]): string {
  return args.map((value, index) => (index > 0 && typeof value !== 'string' && typeof args[index - 1] !== 'string' ? ' ' : '') + sprintValue(value)).join('');
}

function length(value: GoValue): bigint {
  if (typeof value === 'string') return BigInt(new TextEncoder().encode(value).length);
  if (Array.isArray(value)) return BigInt(value.length);
  if (isMap(value)) return BigInt(Object.keys(value).length);
  throw new TemplateExecutionError(`error calling len: len of ${value === undefined || value === null ? 'nil pointer' : `type ${typeName(value)}`}`);
}

function indexOne(item: GoValue, key: GoValue): GoValue {
  if (item === undefined || item === null) throw new TemplateExecutionError('error calling index: index of untyped nil');
  if (isMap(item)) {
    if (typeof key !== 'string') throw new TemplateExecutionError(`error calling index: value has type ${typeName(key)}; should be string`);
    return Object.hasOwn(item, key) ? item[key] : undefined;
  }
  if (Array.isArray(item) || typeof item === 'string') {
    const integer = integerOf(key);
    if (integer === undefined) throw new TemplateExecutionError(`error calling index: cannot index slice/array with type ${typeName(key)}`);
    const position = Number(integer);
    if (position < 0 || position >= item.length) throw new TemplateExecutionError(`error calling index: index out of range: ${position}`);
    return typeof item === 'string' ? BigInt(new TextEncoder().encode(item)[position] ?? 0) : item[position];
  }
  throw new TemplateExecutionError(`error calling index: can't index item of type ${typeName(item)}`);
}

function sliceOf(item: GoValue, bounds: GoValue[]): GoValue {
  if (!Array.isArray(item) && typeof item !== 'string') throw new TemplateExecutionError(`error calling slice: can't slice item of type ${typeName(item)}`);
  const numbers = bounds.map((bound) => {
    const integer = integerOf(bound);
    if (integer === undefined) throw new TemplateExecutionError(`error calling slice: cannot index slice/array with type ${typeName(bound)}`);
    return Number(integer);
  });
  const [start = 0, end = item.length] = numbers;
  if (start < 0 || end > item.length || start > end)
    throw new TemplateExecutionError(`error calling slice: index out of range: ${end > item.length ? end : start}`);
  return item.slice(start, end);
}

function exists(item: GoValue, keys: GoValue[]): boolean {
  let current = item;
  for (const key of keys) {
    if (isMap(current) && typeof key === 'string' && Object.hasOwn(current, key)) current = current[key];
    else if (Array.isArray(current) && integerOf(key) !== undefined && Number(integerOf(key)) >= 0 && Number(integerOf(key)) < current.length)
      current = current[Number(integerOf(key))];
    else return false;
  }
  return true;
}

function jsonable(value: GoValue): unknown {
  if (typeof value === 'bigint') return Number(value);
  return value === undefined ? null : value;
}
