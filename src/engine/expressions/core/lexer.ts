// The tokenizer of expr-lang (parser/lexer of expr v1.17.8): the same token
// kinds, operators, keywords, number syntaxes, string quotes and escapes.

import { ExpressionError } from './errors.js';
import { unescapeQuoted } from './unescape.js';

export type TokenKind = 'Identifier' | 'Number' | 'String' | 'Operator' | 'Bracket' | 'EOF';

export interface Token {
  kind: TokenKind;
  value: string;
  /** Offset of the token's first character in the source. */
  at: number;
}

const WORD_OPERATORS = new Set(['in', 'or', 'and', 'matches', 'contains', 'startsWith', 'endsWith', 'let', 'if', 'else']);
const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const fail = (reason: string, at: number): never => {
    throw new ExpressionError(reason, source, at);
  };
  let i = 0;
  while (i < source.length) {
    const start = i;
    const c = source[i]!;
    if (isSpace(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      i = scanQuoted(source, i, fail);
      tokens.push({ kind: 'String', value: unescapeOrFail(source, start, i, fail), at: start });
    } else if (c === '`') {
      const raw = scanRaw(source, i, fail);
      tokens.push({ kind: 'String', value: raw.value, at: start });
      i = raw.end;
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1] ?? ''))) {
      i = scanNumber(source, i, fail);
      tokens.push({ kind: 'Number', value: source.slice(start, i), at: start });
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) fail('unclosed comment', source.length);
      i = end + 2;
    } else if (isIdentStart(c)) {
      while (i < source.length && isIdentPart(source[i]!)) i++;
      const word = source.slice(start, i);
      if (word === 'not') {
        i = lexNot(source, i, start, tokens);
      } else {
        tokens.push({ kind: WORD_OPERATORS.has(word) ? 'Operator' : 'Identifier', value: word, at: start });
      }
    } else if (c === '#') {
      i++;
      if (source[i] === '#') i++;
      tokens.push({ kind: 'Operator', value: source.slice(start, i), at: start });
      const nameStart = i;
      while (i < source.length && isIdentPart(source[i]!)) i++;
      if (i > nameStart) tokens.push({ kind: 'Identifier', value: source.slice(nameStart, i), at: nameStart });
    } else if ('([{)]}'.includes(c)) {
      tokens.push({ kind: 'Bracket', value: c, at: start });
      i++;
    } else {
      const op = operatorAt(source, i);
      if (op === undefined) fail(`unrecognized character: ${describeChar(c)}`, i);
      tokens.push({ kind: 'Operator', value: op!, at: start });
      i += op!.length;
    }
  }
  tokens.push({ kind: 'EOF', value: '', at: Math.max(0, source.length - 1) });
  return tokens;
}

/** `not in`, `not matches`, … are single operators; a bare `not` is unary. */
function lexNot(source: string, i: number, start: number, tokens: Token[]): number {
  tokens.push({ kind: 'Operator', value: 'not', at: start });
  let j = i;
  while (source[j] === ' ') j++;
  const wordStart = j;
  while (j < source.length && isIdentPart(source[j]!)) j++;
  const next = source.slice(wordStart, j);
  if (NEGATABLE.has(next)) {
    tokens.push({ kind: 'Operator', value: next, at: wordStart });
    return j;
  }
  return i;
}

function operatorAt(source: string, i: number): string | undefined {
  const c = source[i]!;
  const next = source[i + 1] ?? '';
  switch (c) {
    case '?':
      return next === '.' || next === '?' ? c + next : c;
    case '|':
      return next === '|' ? '||' : '|';
    case ':':
      return next === ':' ? '::' : ':';
    case '.':
      return next === '.' ? '..' : '.';
    case '&':
    case '!':
    case '=':
    case '*':
    case '<':
    case '>':
      return '&=*'.includes(next) && next !== '' ? c + next : c;
    case ',':
    case ';':
    case '%':
    case '+':
    case '-':
    case '^':
    case '/':
      return c;
    default:
      return undefined;
  }
}

/** Finds the end of a '…' or "…" literal, checking escapes as expr's scanEscape does. */
function scanQuoted(source: string, i: number, fail: (reason: string, at: number) => never): number {
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
function scanEscape(source: string, j: number, quote: string, fail: (reason: string, at: number) => never): number {
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

function scanDigits(source: string, j: number, base: 8 | 16, count: number, fail: (reason: string, at: number) => never): number {
  const digit = base === 8 ? /[0-7]/ : /[0-9a-fA-F]/;
  for (let n = 0; n < count; n++, j++) if (!digit.test(source[j] ?? '')) return fail('invalid char escape', j);
  return j;
}

/** A `…` literal: no escapes, a doubled backtick stands for one. */
function scanRaw(source: string, i: number, fail: (reason: string, at: number) => never): { value: string; end: number } {
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

function unescapeOrFail(source: string, start: number, end: number, fail: (reason: string, at: number) => never): string {
  const unescaped = unescapeQuoted(source.slice(start + 1, end - 1));
  if (typeof unescaped !== 'string') return fail(unescaped.error, start);
  return unescaped;
}

function scanNumber(source: string, i: number, fail: (reason: string, at: number) => never): number {
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

function describeChar(c: string): string {
  const code = c.codePointAt(0)!;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f' || c === '\u00a0' || c === '\u0085';
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentStart(c: string): boolean {
  return c === '_' || c === '$' || /\p{L}/u.test(c);
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || /\p{Nd}/u.test(c);
}
