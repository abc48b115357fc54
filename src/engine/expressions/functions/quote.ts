// The functions Kargo's template evaluator always adds
// (pkg/expressions/json_templates.go): quote, unsafeQuote, asYAML, asJSON.
// Each returns text wrapped in double quotes, which the template's coercion
// then unwraps into a string (so `${{ quote(42) }}` is "42", not 42).

import { stringify } from 'yaml';
import { marshalJSON, toPlainJSON } from '../core/index.js';

/** Strings come out Go-quoted (`%q`) so they stay strings; anything else as unsafeQuote. */
export function quote(...args: unknown[]): string {
  const value = args[0];
  return typeof value === 'string' ? goQuote(value) : unsafeQuote(value);
}

/** The JSON encoding of the value, wrapped in quotes, escapes kept. */
export function unsafeQuote(...args: unknown[]): string {
  return `"${marshalJSON(args[0] ?? null)}"`;
}

/** The YAML encoding of the value (go-yaml style: 4-space indent, sorted keys). */
export function asYAML(...args: unknown[]): string {
  const yaml = stringify(toPlainJSON(args[0] ?? null), { indent: 4, lineWidth: 0, sortMapEntries: true });
  return `"${yaml}"`;
}

/** The indented JSON encoding of the value, with a trailing newline. */
export function asJSON(...args: unknown[]): string {
  return `"${marshalJSON(args[0] ?? null, '  ')}\n"`;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** strconv.Quote: printable characters as they are, the rest escaped Go-style. */
export function goQuote(text: string): string {
  let out = '"';
  for (const char of text) {
    const short = SHORT_ESCAPES[char];
    const code = char.codePointAt(0)!;
    if (short !== undefined) out += short;
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (char === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(char)) out += char;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}
