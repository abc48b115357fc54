import { describe, expect, it } from 'vitest';
import { DurationSyntaxError, formatAge, formatSoak, parseGoDuration } from '../../../src/rules/duration.js';

const H = 3_600_000;
const M = 60_000;
const S = 1_000;

describe('parseGoDuration', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['-0', 0],
    ['+0', 0],
    ['1h', H],
    ['90m', 90 * M],
    ['1h30m', H + 30 * M],
    ['2.5h', 2.5 * H],
    ['1h2m3.5s', H + 2 * M + 3.5 * S],
    ['1h2m3.456789s', H + 2 * M + 3456.789],
    ['5m0s', 5 * M],
    ['450ms', 450],
    ['1.5µs', 0.0015],
    ['1.5μs', 0.0015],
    ['2us', 0.002],
    ['3ns', 0.000003],
    ['-1m', -M],
    ['+2s', 2 * S],
    ['.5s', 500],
    ['5.s', 5 * S],
    ['1s500ms', 1.5 * S],
    ['2h0m0.45s', 2 * H + 450],
    ['72h0m0s', 72 * H],
  ])('%s', (text, milliseconds) => {
    expect(parseGoDuration(text)).toBeCloseTo(milliseconds, 9);
  });

  it.each<[string, string]>([
    ['', 'invalid duration "": expected a number followed by a unit (ns, us, µs, ms, s, m, h), e.g. "1h30m"'],
    ['-', 'invalid duration "-": expected a number followed by a unit (ns, us, µs, ms, s, m, h), e.g. "1h30m"'],
    ['1', 'invalid duration "1": "1" is not a number followed by a unit (ns, us, µs, ms, s, m, h)'],
    ['h', 'invalid duration "h": unit "h" has no number before it'],
    ['.s', 'invalid duration ".s": unit "s" has no number before it'],
    ['1d', 'invalid duration "1d": unknown unit "d" (use ns, us, µs, ms, s, m or h)'],
    ['1h 2m', 'invalid duration "1h 2m": unknown unit "h " (use ns, us, µs, ms, s, m or h)'],
    ['1.2.3s', 'invalid duration "1.2.3s": "1.2.3s" is not a number followed by a unit (ns, us, µs, ms, s, m, h)'],
    ['--1s', 'invalid duration "--1s": unit "-" has no number before it'],
    ['1h30', 'invalid duration "1h30": "30" is not a number followed by a unit (ns, us, µs, ms, s, m, h)'],
  ])('rejects %j', (text, message) => {
    expect(() => parseGoDuration(text)).toThrow(DurationSyntaxError);
    expect(() => parseGoDuration(text)).toThrow(message);
  });
});

describe('formatAge (kubectl style)', () => {
  it.each<[number, string]>([
    [-5 * S, '<invalid>'],
    [-500, '0s'],
    [0, '0s'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [5 * M + 30 * S, '5m30s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H + 12 * M, '3h12m'],
    [7 * H, '7h'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [4 * 24 * H + 6 * H, '4d6h'],
    [5 * 24 * H, '5d'],
    [30 * 24 * H + 5 * H, '30d'],
    [(2 * 365 + 150) * 24 * H, '2y150d'],
    [9 * 365 * 24 * H, '9y'],
  ])('%d ms → %s', (milliseconds, text) => {
    expect(formatAge(milliseconds)).toBe(text);
  });
});

describe('formatSoak', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [-10 * S, '0s'],
    [999, '0s'],
    [45 * S, '45s'],
    [48 * M, '48m'],
    [2 * M + 5 * S, '2m5s'],
    [H + 12 * M, '1h12m'],
    [H + 12 * M + 59 * S, '1h12m'],
    [2 * H, '2h'],
    [72 * H, '72h'],
  ])('%d ms → %s', (milliseconds, text) => {
    expect(formatSoak(milliseconds)).toBe(text);
  });
});
