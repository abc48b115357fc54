// Go's fmt.Sprintf for the verbs templates use: %v %s %q %d %f %e %g %t %x %X %o %c %%,
// with flags (- + 0 space #), width and precision; a value of the wrong type
// prints Go's %!verb(type=value).

import { goJson } from '../go-values.js';
import { type GoValue, integerOf, sprintValue, typeName } from './values.js';

const DIRECTIVE = /%([-+# 0]*)(\d+|\*)?(?:\.(\d*|\*))?([a-zA-Z%])/g;

export function goSprintf(format: string, args: GoValue[]): string {
  let next = 0;
  const text = format.replace(DIRECTIVE, (whole, flags: string, width: string | undefined, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    const widthValue = width === '*' ? Number(args[next++]) : width ? Number(width) : undefined;
    const precisionValue = precision === '*' ? Number(args[next++]) : precision !== undefined ? Number(precision || '0') : undefined;
    if (next >= args.length) return `%!${verb}(MISSING)`;
    const value = args[next++];
    const formatted = formatOne(verb, value, flags, precisionValue);
    return pad(formatted, widthValue, flags, verb, whole);
  });
  const extra = args.slice(next);
  return extra.length === 0 ? text : `${text}%!(EXTRA ${extra.map((value) => `${typeName(value)}=${sprintValue(value)}`).join(', ')})`;
}

function formatOne(verb: string, value: GoValue, flags: string, precision: number | undefined): string {
  // Go prints a mismatched argument with %v under the directive's own precision.
  const bad = () => `%!${verb}(${typeName(value)}=${withPrecision(value, precision)})`;
  const integer = integerOf(value);
  const sign = (text: string, negative: boolean) => (negative ? `-${text}` : flags.includes('+') ? `+${text}` : flags.includes(' ') ? ` ${text}` : text);
  switch (verb) {
    case 'v':
      return flags.includes('#') && typeof value === 'string' ? JSON.stringify(value) : sprintValue(value);
    case 's':
      if (typeof value === 'string' || Array.isArray(value)) return precision !== undefined ? sprintValue(value).slice(0, precision) : sprintValue(value);
      return typeof value === 'object' && value !== null ? sprintValue(value) : bad();
    case 'q':
      return typeof value === 'string' ? goJson(value) : bad();
    case 't':
      return typeof value === 'boolean' ? String(value) : bad();
    case 'd':
      return integer !== undefined ? sign(withPrecision(integer < 0n ? -integer : integer, precision), integer < 0n) : bad();
    case 'c':
      return integer !== undefined ? String.fromCodePoint(Number(integer)) : bad();
    case 'x':
    case 'X':
    case 'o': {
      const base = verb === 'o' ? 8 : 16;
      let text: string;
      if (integer !== undefined) text = sign((integer < 0n ? -integer : integer).toString(base), integer < 0n);
      else if (typeof value === 'string') text = [...new TextEncoder().encode(value)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
      else return bad();
      return verb === 'X' ? text.toUpperCase() : text;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'g':
      if (typeof value !== 'number' || Number.isInteger(value)) return bad();
      return sign(floatText(Math.abs(value), verb, precision), value < 0 || Object.is(value, -0));
    default:
      return `%!${verb}(${typeName(value)}=${sprintValue(value)})`;
  }
}

function withPrecision(value: GoValue, precision: number | undefined): string {
  const integer = integerOf(value);
  if (precision === undefined) return sprintValue(value);
  if (integer !== undefined) return integer.toString().padStart(precision, '0');
  return typeof value === 'string' ? value.slice(0, precision) : sprintValue(value);
}

function floatText(value: number, verb: string, precision: number | undefined): string {
  if (verb === 'f' || verb === 'F') return value.toFixed(precision ?? 6);
  if (verb === 'e') return value.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
  return precision === undefined ? sprintValue(value) : Number(value.toPrecision(precision || 1)).toString();
}

function pad(text: string, width: number | undefined, flags: string, verb: string, _whole: string): string {
  if (width === undefined || text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width);
  const numeric = 'dfFegxXo'.includes(verb);
  if (flags.includes('0') && numeric) {
    const signed = /^[+\- ]/.test(text);
    return signed ? text[0] + text.slice(1).padStart(width - 1, '0') : text.padStart(width, '0');
  }
  return text.padStart(width);
}
