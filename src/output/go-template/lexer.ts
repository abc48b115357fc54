// Splits a Go text/template into text and the tokens of its {{actions}}, with
// Go's trim markers (`{{- ` and ` -}}`) and comments applied.

import { unquoteGo } from '../go-unquote.js';

export type TokenKind =
  | 'text'
  | 'open'
  | 'close'
  | 'field'
  | 'variable'
  | 'dot'
  | 'identifier'
  | 'string'
  | 'number'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text; for strings, the unquoted value. */
  text: string;
  line: number;
  /** Whitespace before this token inside an action: `(x).a` chains a field, `(x) .a` passes an argument. */
  spaced: boolean;
}

export class TemplateSyntaxError extends Error {}

const SPACE = /[ \t\r\n]/;

export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  let line = 1;
  let trimNextText = false;
  const push = (kind: TokenKind, text: string, spaced = false) => tokens.push({ kind, text, line, spaced });
  while (position < source.length) {
    const open = source.indexOf('{{', position);
    let text = source.slice(position, open < 0 ? source.length : open);
    const trimBefore = open >= 0 && source[open + 2] === '-' && SPACE.test(source[open + 3] ?? '');
    if (trimNextText) text = text.replace(/^[ \t\r\n]+/, '');
    if (trimBefore) text = text.replace(/[ \t\r\n]+$/, '');
    if (text) push('text', text);
    line += countLines(source.slice(position, open < 0 ? source.length : open));
    if (open < 0) break;
    position = open + (trimBefore ? 4 : 2);
    if (source.startsWith('/*', position)) {
      const end = source.indexOf('*/', position);
      if (end < 0) throw new TemplateSyntaxError(`template: output:${line}: unclosed comment`);
      line += countLines(source.slice(position, end));
      position = end + 2;
      const closing = /^( -)?\}\}/.exec(source.slice(position));
      if (!closing) throw new TemplateSyntaxError(`template: output:${line}: comment ends before closing delimiter`);
      trimNextText = closing[1] !== undefined;
      position += closing[0].length;
      continue;
    }
    push('open', '{{');
    const result = lexAction(source, position, line, tokens);
    position = result.position;
    line = result.line;
    trimNextText = result.trimAfter;
  }
  push('eof', '');
  return tokens;
}

function lexAction(source: string, start: number, startLine: number, tokens: Token[]): { position: number; line: number; trimAfter: boolean } {
  let position = start;
  let line = startLine;
  let spaced = false;
  const push = (kind: TokenKind, text: string) => {
    tokens.push({ kind, text, line, spaced });
    spaced = false;
  };
  for (;;) {
    const rest = source.slice(position);
    if (rest === '') throw new TemplateSyntaxError(`template: output:${line}: unclosed action`);
    if (/^ -\}\}/.test(rest) || (spaced && rest.startsWith('-}}') && SPACE.test(source[position - 1] ?? ''))) {
      push('close', '}}');
      return { position: position + rest.indexOf('}}') + 2, line, trimAfter: true };
    }
    if (rest.startsWith('}}')) {
      push('close', '}}');
      return { position: position + 2, line, trimAfter: false };
    }
    const char = rest[0] ?? '';
    if (SPACE.test(char)) {
      if (char === '\n') line++;
      spaced = true;
      position++;
      continue;
    }
    const match =
      /^\.[\p{L}_][\p{L}\p{N}_]*/u.exec(rest) ??
      /^\$[\p{L}\p{N}_]*/u.exec(rest) ??
      /^[\p{L}_][\p{L}\p{N}_]*/u.exec(rest) ??
      /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(rest);
    if (match && match[0] !== '' && match[0] !== '+' && match[0] !== '-' && match[0] !== '.') {
      const word = match[0];
      const kind: TokenKind = word.startsWith('.') ? 'field' : word.startsWith('$') ? 'variable' : /^[\p{L}_]/u.test(word) ? 'identifier' : 'number';
      push(kind, word);
      position += word.length;
      continue;
    }
    if (char === '"' || char === '`' || char === "'") {
      const end = closingQuote(rest, char);
      if (end < 0) throw new TemplateSyntaxError(`template: output:${line}: unterminated quoted string`);
      push('string', unquote(rest.slice(0, end + 1), line));
      position += end + 1;
      continue;
    }
    const symbols: [string, TokenKind][] = [
      [':=', 'declare'],
      ['=', 'assign'],
      ['|', 'pipe'],
      ['(', 'lparen'],
      [')', 'rparen'],
      [',', 'comma'],
      ['.', 'dot'],
    ];
    const symbol = symbols.find(([text]) => rest.startsWith(text));
    if (!symbol) throw new TemplateSyntaxError(`template: output:${line}: unexpected ${JSON.stringify(char)} in command`);
    push(symbol[1], symbol[0]);
    position += symbol[0].length;
  }
}

function closingQuote(text: string, quote: string): number {
  for (let index = 1; index < text.length; index++) {
    if (text[index] === '\\' && quote !== '`') index++;
    else if (text[index] === quote) return index;
    else if (text[index] === '\n' && quote !== '`') return -1;
  }
  return -1;
}

function unquote(quoted: string, line: number): string {
  if (quoted.startsWith('`')) return quoted.slice(1, -1);
  const text = unquoteGo(quoted);
  if (text === undefined) throw new TemplateSyntaxError(`template: output:${line}: invalid syntax: ${quoted}`);
  return text;
}

function countLines(text: string): number {
  return text.split('\n').length - 1;
}
