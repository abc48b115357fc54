// fmt's `%v`, which expr-lang's `string()` builtin uses.

import { GoStruct, isNil } from './values.js';

export function formatValue(value: unknown): string {
  if (isNil(value)) return '<nil>';
  switch (typeof value) {
    case 'string':
      return value;
    case 'boolean':
      return String(value);
    case 'number':
      return Number.isInteger(value) ? String(value) : formatFloat(value);
    case 'function':
      return '0x0';
  }
  if (Array.isArray(value)) return `[${value.map(formatValue).join(' ')}]`;
  if (value instanceof GoStruct) {
    if (value.display) return value.display();
    const fields = Object.values(value.members).filter((member) => typeof member !== 'function');
    return `&{${fields.map(formatValue).join(' ')}}`;
  }
  const map = value as Record<string, unknown>;
  const entries = Object.keys(map)
    .sort()
    .map((key) => `${key}:${formatValue(map[key])}`);
  return `map[${entries.join(' ')}]`;
}

/** `%v` of a float64 (`%g`, shortest): exponent form below 1e-4 and from 1e6, as Go prints 1e+06. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  return String(value);
}
