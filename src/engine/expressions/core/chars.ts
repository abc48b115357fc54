// Character classes of expr-lang's lexer (parser/utils).

export function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f' || c === '\u00a0' || c === '\u0085';
}

export function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function isIdentStart(c: string): boolean {
  return c === '_' || c === '$' || /\p{L}/u.test(c);
}

export function isIdentPart(c: string): boolean {
  return isIdentStart(c) || /\p{Nd}/u.test(c);
}
