// How Go's fmt and encoding/json print the JSON values kubectl hands to its
// templates: kubectl's JSONPath sees integers as int64, its Go templates see every
// number as float64 (it decodes with encoding/json), so the two print 1000000
// differently ("1000000" and "1e+06").

export type NumberKind = 'int' | 'float';

/** Go's %v of a JSON value (maps as `map[k:v]`, arrays as `[a b]`, null as `<nil>`). */
export function goSprint(value: unknown, numbers: NumberKind): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return numbers === 'int' && Number.isInteger(value) ? String(value) : goFloat(value);
  if (Array.isArray(value)) return `[${value.map((item) => goSprint(item, numbers)).join(' ')}]`;
  const entries = sortedEntries(value as Record<string, unknown>);
  return `map[${entries.map(([key, item]) => `${key}:${goSprint(item, numbers)}`).join(' ')}]`;
}

/** strconv.FormatFloat(v, 'g', -1, 64), which %v uses: exponent form below 1e-4 and from 1e+06. */
export function goFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(value);
}

/** encoding/json's Marshal (compact) or MarshalIndent with `indent`: keys sorted, <, > and & escaped. */
export function goJson(value: unknown, indent?: string): string {
  const text = JSON.stringify(sortKeys(value), null, indent) ?? 'null';
  return text.replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The Go type kubectl's engines would report for a value, for error messages. */
export function goTypeName(value: unknown, numbers: NumberKind): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return numbers === 'int' && Number.isInteger(value) ? 'int64' : 'float64';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sortedEntries(map: Record<string, unknown>): [string, unknown][] {
  return Object.keys(map)
    .sort(goStringCompare)
    .map((key) => [key, map[key]]);
}

/** Go compares strings by bytes; for UTF-16 strings, code points order the same way. */
export function goStringCompare(a: string, b: string): number {
  if (a === b) return 0;
  const left = [...a];
  const right = [...b];
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    const difference = (left[index]?.codePointAt(0) ?? 0) - (right[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isMap(value)) return value;
  return Object.fromEntries(sortedEntries(value).map(([key, item]) => [key, sortKeys(item)]));
}
