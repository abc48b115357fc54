// Scanning the literals of expr-lang's lexer: quoted strings with their
// escapes (checked where expr's scanEscape checks them), raw strings, numbers.

import { isIdentPart } from './chars.js';
import { unescapeQuoted } from './unescape.js';

export type Fail = (reason: string, at: number) => never;

/** Finds the end of a '…' or "…" literal, checking escapes as expr's scanEscape does. */
export function scanQuoted(source: string, i: number, fail: Fail): number {
  const quote = source[i]!;
  let j = i + 1;
  for (;;) {
    const c = source[j];
    if (c === undefined || c === '\n') return fail('literal not terminated', j);
    if (c === quote) return j + 1;
    j = c === '\\' ? scanEscape(source, j + 1, quote, fail) : j + 1;
  }
}

/** `j` is just after the backslash; answers the index after the escape. */
function scanEscape(source: string, j: number, quote: string, fail: Fail): number {
  const c = source[j] ?? '';
  if ('abfnrtv\\'.includes(c) || c === quote) return j + 1;
  if (/[0-7]/.test(c)) return scanDigits(source, j, 8, 3, fail);
  if (c === 'x') return scanDigits(source, j + 1, 16, 2, fail);
  if (c === 'U') return scanDigits(source, j + 1, 16, 8, fail);
  if (c === 'u' && source[j + 1] === '{') {
    let k = j + 2;
    while (/[0-9a-fA-F]/.test(source[k] ?? '') && k - (j + 2) < 6) k++;
    if (source[k] !== '}' || k === j + 2) return fail('invalid char escape', k - 1);
    return k + 1;
  }
  if (c === 'u') return scanDigits(source, j + 1, 16, 4, fail);
  return fail('invalid char escape', j);
}

function scanDigits(source: string, j: number, base: 8 | 16, count: number, fail: Fail): number {
  const digit = base === 8 ? /[0-7]/ : /[0-9a-fA-F]/;
  for (let n = 0; n < count; n++, j++) if (!digit.test(source[j] ?? '')) return fail('invalid char escape', j);
  return j;
}

/** A `…` literal: no escapes, a doubled backtick stands for one. */
export function scanRaw(source: string, i: number, fail: Fail): { value: string; end: number } {
  let value = '';
  let j = i + 1;
  for (;;) {
    const c = source[j];
    if (c === undefined) return fail('literal not terminated', j);
    if (c === '`') {
      if (source[j + 1] !== '`') return { value, end: j + 1 };
      j++;
    }
    value += source[j];
    j++;
  }
}

export function unescapeOrFail(source: string, start: number, end: number, fail: Fail): string {
  const unescaped = unescapeQuoted(source.slice(start + 1, end - 1));
  if (typeof unescaped !== 'string') return fail(unescaped.error, start);
  return unescaped;
}

export function scanNumber(source: string, i: number, fail: Fail): number {
  const start = i;
  let digits = /[0-9_]/;
  if (source[i] === '0' && /[xXoObB]/.test(source[i + 1] ?? '')) {
    const base = source[i + 1]!.toLowerCase();
    digits = base === 'x' ? /[0-9a-fA-F_]/ : base === 'o' ? /[0-7_]/ : /[01_]/;
    i += 2;
  }
  while (digits.test(source[i] ?? '')) i++;
  if (source[i] === '.' && source[i + 1] !== '.') {
    i++;
    while (digits.test(source[i] ?? '')) i++;
  }
  if (/[eE]/.test(source[i] ?? '') && digits.source !== '[0-9a-fA-F_]') {
    i++;
    if (/[+-]/.test(source[i] ?? '')) i++;
    while (digits.test(source[i] ?? '')) i++;
  }
  if (isIdentPart(source[i] ?? ' ')) {
    return fail(`bad number syntax: ${JSON.stringify(source.slice(start, i + 1))}`, i);
  }
  return i;
}
