// expr-lang's grammar tables (parser/operator/operator.go and the
// predicate table of parser/parser.go, v1.17.8).

import type { Token } from './lexer.js';

export const UNARY: Readonly<Record<string, number>> = { not: 50, '!': 50, '-': 90, '+': 90 };

export const BINARY: Readonly<Record<string, { precedence: number; right?: true }>> = {
  '|': { precedence: 0 },
  or: { precedence: 10 },
  '||': { precedence: 10 },
  and: { precedence: 15 },
  '&&': { precedence: 15 },
  '==': { precedence: 20 },
  '!=': { precedence: 20 },
  '<': { precedence: 20 },
  '>': { precedence: 20 },
  '>=': { precedence: 20 },
  '<=': { precedence: 20 },
  in: { precedence: 20 },
  matches: { precedence: 20 },
  contains: { precedence: 20 },
  startsWith: { precedence: 20 },
  endsWith: { precedence: 20 },
  '..': { precedence: 25 },
  '+': { precedence: 30 },
  '-': { precedence: 30 },
  '*': { precedence: 60 },
  '/': { precedence: 60 },
  '%': { precedence: 60 },
  '**': { precedence: 100, right: true },
  '^': { precedence: 100, right: true },
  '??': { precedence: 500 },
};

export const COMPARISONS = new Set(['<', '>', '>=', '<=']);
export const NEGATABLE = new Set(['contains', 'matches', 'startsWith', 'endsWith', 'in']);

/** Argument shapes of the builtins that take a predicate (`filter(xs, # > 1)`). */
export const PREDICATES: Readonly<Record<string, { required: number; total: number }>> = {
  all: { required: 2, total: 2 },
  none: { required: 2, total: 2 },
  any: { required: 2, total: 2 },
  one: { required: 2, total: 2 },
  filter: { required: 2, total: 2 },
  map: { required: 2, total: 2 },
  find: { required: 2, total: 2 },
  findIndex: { required: 2, total: 2 },
  findLast: { required: 2, total: 2 },
  findLastIndex: { required: 2, total: 2 },
  groupBy: { required: 2, total: 2 },
  count: { required: 1, total: 2 },
  sum: { required: 1, total: 2 },
  sortBy: { required: 2, total: 3 },
  reduce: { required: 2, total: 3 },
};

/** How expr prints a token in `unexpected token …`: `Operator(",")`, `EOF`. */
export function describe(token: Token): string {
  return token.kind === 'EOF' ? 'EOF' : `${token.kind}(${JSON.stringify(token.value)})`;
}
