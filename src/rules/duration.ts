// Go `time.Duration` strings (kargo-semantics.md §0.2) and their human forms.
// Spec fields use `1h30m`; the controller writes Duration.String() output such as
// `1h2m3.456789s`, `450ms`, `1.5µs`, so the parser accepts Go's full grammar.

export class DurationSyntaxError extends Error {
  override name = 'DurationSyntaxError';
  constructor(readonly input: string, detail: string) {
    super(`invalid duration "${input}": ${detail}`);
  }
}

/** Milliseconds (possibly fractional) of a Go duration string; throws DurationSyntaxError. */
export function parseGoDuration(text: string): number {
  throw new Error(`not implemented: ${text}`);
}

/** An age as kubectl prints it (`45s`, `5m30s`, `3h12m`, `4d6h`, `2y150d`). */
export function formatAge(milliseconds: number): string {
  throw new Error(`not implemented: ${milliseconds}`);
}

/** A compact soak figure: the two most significant of h/m/s, `0s` for zero (`2h`, `1h12m`, `48m`, `45s`). */
export function formatSoak(milliseconds: number): string {
  throw new Error(`not implemented: ${milliseconds}`);
}
