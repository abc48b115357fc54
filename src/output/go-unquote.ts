// Go's strconv.Unquote for "…" and, as client-go's UnquoteExtend allows, '…'.

const SIMPLE: Readonly<Record<string, string>> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** The unquoted text, or undefined when `quoted` is not a valid Go string literal. */
export function unquoteGo(quoted: string): string | undefined {
  const quote = quoted[0];
  if (quoted.length < 2 || (quote !== '"' && quote !== "'") || quoted.at(-1) !== quote) return undefined;
  const body = quoted.slice(1, -1);
  let text = '';
  for (let index = 0; index < body.length; index++) {
    const char = body[index] ?? '';
    if (char === quote || char === '\n') return undefined;
    if (char !== '\\') {
      text += char;
      continue;
    }
    const escaped = body[++index];
    if (escaped === undefined) return undefined;
    const simple = SIMPLE[escaped];
    if (simple !== undefined) text += simple;
    else if (escaped === quote) text += quote;
    else {
      const digits = { x: 2, u: 4, U: 8 }[escaped];
      const octal = /[0-7]/.test(escaped);
      const length = digits ?? (octal ? 3 : 0);
      if (length === 0) return undefined;
      const code = octal ? body.slice(index, index + 3) : body.slice(index + 1, index + 1 + length);
      if (!(octal ? /^[0-7]{3}$/ : /^[0-9a-fA-F]+$/).test(code) || code.length !== length) return undefined;
      const value = Number.parseInt(code, octal ? 8 : 16);
      if (value > 0x10ffff) return undefined;
      text += String.fromCodePoint(value);
      index += octal ? 2 : length;
    }
  }
  return text;
}
