// The tokenizer of expr-lang (parser/lexer of expr v1.17.8): the same token
// kinds, operators, keywords, number syntaxes, string quotes and escapes.

import { ExpressionError } from './errors.js';
import { isDigit, isIdentPart, isIdentStart, isSpace } from './chars.js';
import { scanNumber, scanQuoted, scanRaw, unescapeOrFail } from './lexer-scan.js';

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

function describeChar(c: string): string {
  const code = c.codePointAt(0)!;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}
