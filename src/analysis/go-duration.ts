// Go's time.ParseDuration, the format of a metric's interval and initialDelay
// ("30s", "1m30s", "1.5h", "300ms").

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds, or an Error with Go's wording. */
export function parseGoDuration(text: string): number {
  const invalid = (): Error => new Error(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  while (rest !== '') {
    // As Go reads it: a number, then everything up to the next digit or '.' is the unit.
    const match = /^(\d+\.?\d*|\.\d+)([^\d.]*)/.exec(rest);
    if (!match) throw invalid();
    if (match[2] === '') throw new Error(`time: missing unit in duration ${JSON.stringify(text)}`);
    const unit = UNIT_MS[match[2] ?? ''];
    if (unit === undefined) throw new Error(`time: unknown unit ${JSON.stringify(match[2])} in duration ${JSON.stringify(text)}`);
    total += Number(match[1]) * unit;
    rest = rest.slice(match[0].length);
  }
  return sign * total;
}

/** The duration in milliseconds, or undefined when it does not parse. */
export function tryParseGoDuration(text: string): number | undefined {
  try {
    return parseGoDuration(text);
  } catch {
    return undefined;
  }
}
