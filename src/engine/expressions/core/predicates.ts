// The builtins that take a predicate (`filter(xs, # > 1)`, `map(xs, .name)`,
// `reduce(xs, #acc + #, 0)`…), as expr-lang runs them: the predicate sees the
// element as `#` (fields as `.field`), its position as `#index`, and for
// reduce the running value as `#acc`.

import type { Node } from './ast.js';
import { EvaluationFault } from './errors.js';
import { binaryOperation } from './operators.js';
import { conversionMessage, equal, goTypeName, isMap, isNil, setOwn } from './values.js';

export interface PredicateFrame {
  element: unknown;
  index: number;
  accumulator?: unknown;
}

export interface PredicateRunner {
  run(node: Node): unknown;
  evaluateWithFrame(body: Node, frame: PredicateFrame): unknown;
}

export function runPredicateBuiltin(name: string, args: readonly Node[], runner: PredicateRunner): unknown {
  const items = iterable(runner.run(args[0]!));
  const predicate = args[1]?.kind === 'predicate' ? args[1].body : undefined;
  const apply = (element: unknown, index: number): unknown => (predicate ? runner.evaluateWithFrame(predicate, { element, index }) : element);
  const test = (element: unknown, index: number): boolean => truth(apply(element, index));

  switch (name) {
    case 'all':
      return items.every(test);
    case 'any':
      return items.some(test);
    case 'none':
      return !items.some(test);
    case 'one':
      return items.filter(test).length === 1;
    case 'filter':
      return items.filter(test);
    case 'map':
      return items.map(apply);
    case 'find':
      return items.find(test) ?? null;
    case 'findIndex':
      return items.findIndex(test);
    case 'findLast':
      return findLastIndex(items, test) < 0 ? null : items[findLastIndex(items, test)];
    case 'findLastIndex':
      return findLastIndex(items, test);
    case 'count':
      return items.filter(test).length;
    case 'sum':
      return items.map(apply).reduce<unknown>((total, value) => binaryOperation('+', total, value), 0);
    case 'groupBy':
      return groupBy(items, apply);
    case 'sortBy':
      return sortBy(items, apply, args[2] ? runner.run(args[2]) : 'asc');
    case 'reduce':
      return reduce(items, predicate!, args[2], runner);
    default:
      throw new EvaluationFault(`unknown builtin ${name}`);
  }
}

function iterable(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isMap(value)) return Object.values(value);
  throw new EvaluationFault(`cannot iterate ${goTypeName(value)}`);
}

function truth(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new EvaluationFault(conversionMessage(value, 'bool'));
  return value;
}

function findLastIndex(items: unknown[], test: (element: unknown, index: number) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (test(items[index], index)) return index;
  return -1;
}

function groupBy(items: unknown[], key: (element: unknown, index: number) => unknown): Record<string, unknown[]> {
  const groups: Record<string, unknown[]> = {};
  items.forEach((element, index) => {
    const value = key(element, index);
    const name = isNil(value) ? '<nil>' : String(value);
    if (!Object.hasOwn(groups, name)) setOwn(groups, name, []);
    (groups[name] as unknown[]).push(element);
  });
  return groups;
}

function sortBy(items: unknown[], key: (element: unknown, index: number) => unknown, order: unknown): unknown[] {
  if (order !== 'asc' && order !== 'desc') throw new EvaluationFault(`unknown order, use asc or desc`);
  const keyed = items.map((element, index) => ({ element, key: key(element, index) }));
  keyed.sort((a, b) => (equal(a.key, b.key) ? 0 : binaryOperation('<', a.key, b.key) ? -1 : 1));
  if (order === 'desc') keyed.reverse();
  return keyed.map((entry) => entry.element);
}

function reduce(items: unknown[], body: Node, initial: Node | undefined, runner: PredicateRunner): unknown {
  let start = 0;
  let accumulator: unknown;
  if (initial) {
    accumulator = runner.run(initial);
  } else {
    if (items.length === 0) throw new EvaluationFault('reduce of empty array with no initial value');
    accumulator = items[0];
    start = 1;
  }
  for (let index = start; index < items.length; index++) {
    accumulator = runner.evaluateWithFrame(body, { element: items[index], index, accumulator });
  }
  return accumulator;
}
