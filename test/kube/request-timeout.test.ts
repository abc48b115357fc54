// --request-timeout values as kubectl reads them.

import { describe, expect, it } from 'vitest';
import { parseRequestTimeout } from '../../src/kube/request-timeout.js';

describe('parseRequestTimeout', () => {
  it.each([
    ['0', 0],
    ['5', 5_000],
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['596h', 596 * 3_600_000],
  ])('reads %s as %d ms', (value, expected) => {
    expect(parseRequestTimeout(value)).toBe(expected);
  });

  it.each([
    ['-1s', 'invalid --request-timeout "-1s": it must not be negative (0 means no limit)'],
    ['999999h', 'invalid --request-timeout "999999h": at most 596h (about 24 days) is supported; use 0 for no limit'],
    ['soon', 'invalid --request-timeout "soon": unit "soon" has no number before it; use e.g. 30s, 2m or 0 for no limit'],
    ['', 'invalid --request-timeout "": expected a number followed by a unit (ns, us, µs, ms, s, m, h), e.g. "1h30m"; use e.g. 30s, 2m or 0 for no limit'],
  ])('refuses %s', (value, message) => {
    expect(() => parseRequestTimeout(value)).toThrow(message);
  });
});
