// intstr.IntOrString.IntValue(): a string is read with Go's Atoi, and
// anything that does not parse counts as 0.

import type { IntOrString } from '../model/analysis.js';

export function intValue(value: IntOrString): number {
  if (typeof value === 'number') return Math.trunc(value);
  return /^[+-]?\d+$/.test(value) ? Number.parseInt(value, 10) : 0;
}

export function intValueOr(value: IntOrString | undefined, fallback: number): number {
  return value === undefined ? fallback : intValue(value);
}
