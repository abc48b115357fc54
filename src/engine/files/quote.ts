// How Kargo writes a value into YAML and into commit messages
// (pkg/yaml.QuoteIfNecessary): a string that would read back as a number, a
// bool or JSON gets double quotes; other values are written as they are.

import { goQuote } from './key-path.js';

const GO_BOOLS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);

export function quoteIfNecessary(value: unknown): string {
  if (typeof value !== 'string') return formatPlain(value);
  if (parsesAsGoFloat(value) || GO_BOOLS.has(value) || isValidJson(value)) return goQuote(value);
  return value;
}

/** Go's `%v` for the JSON values a config can hold (maps and lists as flow JSON, which YAML also reads). */
export function formatPlain(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function parsesAsGoFloat(value: string): boolean {
  const body = value.replace(/^[+-]/, '');
  if (/^(inf|infinity|nan)$/i.test(body)) return true;
  if (/^0x[0-9a-f_]*(\.[0-9a-f_]*)?(p[+-]?\d+)?$/i.test(body)) return /[0-9a-f]/i.test(body.slice(2));
  return /^(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)(e[+-]?\d+)?$/i.test(body);
}

function isValidJson(value: string): boolean {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
