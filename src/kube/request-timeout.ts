// kubectl's --request-timeout: how long one API request may take. "0" (the
// default) means no limit; a bare number is seconds; otherwise a Go duration
// ("30s", "2m"). Node's timers cannot hold more than about 24.8 days, so longer
// values are refused rather than silently firing at once.

import { parseGoDuration } from '../rules/duration.js';

/** The longest delay setTimeout honours (2^31 - 1 ms); anything longer fires immediately. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';
}

/** Milliseconds for a --request-timeout value; 0 means no limit. */
export function parseRequestTimeout(value: string): number {
  const text = value.trim();
  const milliseconds = /^\d+$/.test(text) ? Number(text) * 1000 : parseDuration(text, value);
  if (milliseconds < 0) throw new RequestTimeoutError(`invalid --request-timeout "${value}": it must not be negative (0 means no limit)`);
  if (milliseconds > MAX_TIMER_MS)
    throw new RequestTimeoutError(`invalid --request-timeout "${value}": at most 596h (about 24 days) is supported; use 0 for no limit`);
  return Math.ceil(milliseconds);
}

function parseDuration(text: string, original: string): number {
  try {
    return parseGoDuration(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/^invalid duration "[^"]*": /, '') : String(error);
    throw new RequestTimeoutError(`invalid --request-timeout "${original}": ${detail}; use e.g. 30s, 2m or 0 for no limit`, { cause: error });
  }
}
