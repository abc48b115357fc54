// Escape sequences of expr-lang's quoted strings (parser/lexer/utils.go):
// \a \b \f \n \r \t \v \\ \' \" \` \?, \xHH, \uHHHH, \u{H…}, \UHHHHHHHH and
// three-digit octal \NNN. Anything else is an error.

const SIMPLE: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '`': '`',
  '?': '?',
};

const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, X: 2, u: 4, U: 8 };

/** The unescaped body of a quoted literal, or the reason it is malformed. */
export function unescapeQuoted(body: string): string | { error: string } {
  if (!body.includes('\\')) return body.replace(/\r\n?/g, '\n');
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const kind = body[i + 1];
    if (kind === undefined) return { error: "unable to unescape string, found '\\' as last character" };
    const simple = SIMPLE[kind];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (kind === 'u' && body[i + 2] === '{') {
      const close = body.indexOf('}', i + 3);
      const hex = close < 0 ? '' : body.slice(i + 3, close);
      if (!/^[0-9a-fA-F]{1,6}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) return { error: 'invalid char escape' };
      out += String.fromCodePoint(parseInt(hex, 16));
      i = close + 1;
    } else if (HEX_LENGTH[kind] !== undefined) {
      const hex = body.slice(i + 2, i + 2 + HEX_LENGTH[kind]!);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== HEX_LENGTH[kind] || parseInt(hex, 16) > 0x10ffff) {
        return { error: 'invalid char escape' };
      }
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 2 + hex.length;
    } else if (/[0-3]/.test(kind)) {
      const octal = body.slice(i + 1, i + 4);
      if (!/^[0-3][0-7]{2}$/.test(octal)) return { error: 'invalid char escape' };
      out += String.fromCodePoint(parseInt(octal, 8));
      i += 4;
    } else {
      return { error: 'invalid char escape' };
    }
  }
  return out;
}
