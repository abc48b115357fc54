// Go `time.Duration` strings (kargo-semantics.md §0.2) and their human forms.
// Spec fields use `1h30m`; the controller writes Duration.String() output such as
// `1h2m3.456789s`, `450ms`, `1.5µs`, so the parser accepts Go's full grammar:
// an optional sign, then one or more `<decimal><unit>` terms, or a bare `0`.

export class DurationSyntaxError extends Error {
  override name = 'DurationSyntaxError';
  constructor(
    readonly input: string,
    detail: string,
  ) {
    super(`invalid duration "${input}": ${detail}`);
  }
}

const MILLISECONDS_PER_UNIT: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3, // U+00B5 micro sign, what Go writes
  μs: 1e-3, // U+03BC Greek mu, which Go also accepts
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};

const TERM = /^(\d*)(?:\.(\d*))?([^\d.]+)/u;
const UNIT_PREFIX = /^[^\d.]+/u;

/** Milliseconds (possibly fractional) of a Go duration string; throws DurationSyntaxError. */
export function parseGoDuration(text: string): number {
  let rest = text;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw new DurationSyntaxError(text, 'expected a number followed by a unit (ns, us, µs, ms, s, m, h), e.g. "1h30m"');

  let total = 0;
  while (rest !== '') {
    const term = TERM.exec(rest);
    if (!term) {
      const unit = UNIT_PREFIX.exec(rest);
      throw new DurationSyntaxError(
        text,
        unit ? `unit "${unit[0]}" has no number before it` : `"${rest}" is not a number followed by a unit (ns, us, µs, ms, s, m, h)`,
      );
    }
    const [whole, integer = '', fraction, unit = ''] = term;
    if (integer === '' && (fraction === undefined || fraction === '')) throw new DurationSyntaxError(text, `unit "${unit}" has no number before it`);
    const perUnit = MILLISECONDS_PER_UNIT[unit];
    if (perUnit === undefined) throw new DurationSyntaxError(text, `unknown unit "${unit}" (use ns, us, µs, ms, s, m or h)`);
    total += Number(`${integer || '0'}.${fraction || '0'}`) * perUnit;
    rest = rest.slice(whole.length);
  }
  return sign * total;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** An age as kubectl prints it (`45s`, `5m30s`, `3h12m`, `4d6h`, `2y150d`); `<invalid>` for clearly negative ages. */
export function formatAge(milliseconds: number): string {
  const seconds = Math.trunc(milliseconds / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(milliseconds / MINUTE);
  if (minutes < 10) return joinUnits(minutes, 'm', seconds % 60, 's');
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(milliseconds / HOUR);
  if (hours < 8) return joinUnits(hours, 'h', minutes % 60, 'm');
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 8 * 24) return joinUnits(days, 'd', hours % 24, 'h');
  if (milliseconds < 2 * YEAR) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (milliseconds < 8 * YEAR) return joinUnits(years, 'y', days % 365, 'd');
  return `${years}y`;
}

/**
 * A compact soak figure: whole seconds, at most two units, hours never rolled into
 * days because requiredSoakTime is written in hours (`2h`, `1h12m`, `48m`, `2m5s`, `45s`).
 * The value is truncated to the second; callers round a remaining wait up first.
 */
export function formatSoak(milliseconds: number): string {
  const seconds = Math.max(0, Math.trunc(milliseconds / SECOND));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 60) return joinUnits(minutes, 'm', seconds % 60, 's');
  return joinUnits(Math.trunc(minutes / 60), 'h', minutes % 60, 'm');
}

function joinUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${minor}${minorUnit}`;
}
