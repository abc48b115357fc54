// expr-lang's collection builtins (builtin/builtin.go): len, first/last,
// get, take, keys/values, toPairs/fromPairs, reverse, uniq, concat,
// flatten, sort.

import { fetch } from '../access.js';
import { EvaluationFault } from '../errors.js';
import { binaryOperation } from '../operators.js';
import { equal, GoStruct, goTypeName, isMap, isNil, setOwn } from '../values.js';
import { arity, intArg, type Builtin } from './args.js';

export const COLLECTION_BUILTINS: Readonly<Record<string, Builtin>> = {
  len: (args) => {
    arity(args, 1);
    const value = args[0];
    if (typeof value === 'string') return Array.from(value).length;
    if (Array.isArray(value)) return value.length;
    if (isMap(value)) return Object.keys(value).length;
    throw new EvaluationFault(`invalid argument for len (type ${goTypeName(value)})`);
  },
  first: (args) => (arity(args, 1), quietly(() => fetch(args[0], 0))),
  last: (args) => (arity(args, 1), quietly(() => fetch(args[0], -1))),
  get: (args) => {
    arity(args, 2);
    const from = args[0];
    if (!isNil(from) && typeof from !== 'string' && !Array.isArray(from) && !isMap(from)) {
      throw new EvaluationFault(`type ${goTypeName(from)} does not support indexing`);
    }
    return quietly(() => fetch(from, args[1]));
  },
  take: (args) => {
    arity(args, 2);
    const items = arrayArg('take from', args[0]);
    return items.slice(0, Math.max(0, intArg(args[1])));
  },
  keys: (args) => (arity(args, 1), Object.keys(mapArg('get keys from', args[0]))),
  values: (args) => (arity(args, 1), Object.values(mapArg('get values from', args[0]))),
  toPairs: (args) => (arity(args, 1), Object.entries(mapArg('transform', args[0], ' to pairs'))),
  fromPairs: (args) => {
    arity(args, 1);
    const out: Record<string, unknown> = {};
    for (const pair of arrayArg('transform', args[0])) {
      if (!Array.isArray(pair) || pair.length !== 2) throw new EvaluationFault(`invalid pair ${goTypeName(pair)}`);
      setOwn(out, String(pair[0]), pair[1]);
    }
    return out;
  },
  reverse: (args) => (arity(args, 1), [...arrayArg('reverse', args[0])].reverse()),
  uniq: (args) => {
    arity(args, 1);
    const out: unknown[] = [];
    for (const item of arrayArg('uniq', args[0])) if (!out.some((seen) => equal(seen, item))) out.push(item);
    return out;
  },
  concat: (args) => {
    if (args.length === 0) throw new EvaluationFault('invalid number of arguments (expected at least 1, got 0)');
    return args.flatMap((arg) => arrayArg('concat', arg));
  },
  flatten: (args) => (arity(args, 1), arrayArg('flatten', args[0]).flat(Infinity)),
  sort: (args) => {
    arity(args, 1, 2);
    const order = args[1] ?? 'asc';
    if (order !== 'asc' && order !== 'desc') throw new EvaluationFault('unknown order, use asc or desc');
    const sorted = [...arrayArg('sort', args[0])].sort((a, b) => (equal(a, b) ? 0 : binaryOperation('<', a, b) ? -1 : 1));
    return order === 'desc' ? sorted.reverse() : sorted;
  },
  type: (args) => (arity(args, 1), typeOf(args[0])),
};

/** first/last/get answer nil instead of failing on a missing element. */
function quietly(read: () => unknown): unknown {
  try {
    return read();
  } catch {
    return null;
  }
}

function arrayArg(what: string, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new EvaluationFault(`cannot ${what} ${goTypeName(value)}`);
  return value;
}

function mapArg(what: string, value: unknown, suffix = ''): Record<string, unknown> {
  if (!isMap(value)) throw new EvaluationFault(`cannot ${what} ${goTypeName(value)}${suffix}`);
  return value;
}

function typeOf(value: unknown): string {
  if (isNil(value)) return 'nil';
  if (value instanceof GoStruct) return value.goType.replace(/^\*/, '');
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'string':
      return 'string';
    case 'function':
      return 'func';
  }
  return Array.isArray(value) ? 'array' : 'map';
}
