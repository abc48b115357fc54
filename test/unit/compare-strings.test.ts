import { describe, expect, it } from 'vitest';
import { compareStrings } from '../../src/runtime/compare-strings.js';

describe('compareStrings (Go strings.Compare)', () => {
  it('orders by code unit, as etcd lists keys and Kargo sorts names', () => {
    const names = ['ab', 'a-b', 'a.b', 'B', 'stage-9', 'stage-10', 'a'];
    expect([...names].sort(compareStrings)).toEqual(['B', 'a', 'a-b', 'a.b', 'ab', 'stage-10', 'stage-9']);
  });

  it('is not the locale collation, which puts lower case and some punctuation first', () => {
    expect(compareStrings('B', 'a')).toBe(-1);
    expect('B'.localeCompare('a')).toBe(1);
    expect(compareStrings('a_b', 'a-b')).toBe(1);
    expect('a_b'.localeCompare('a-b')).toBe(-1);
  });

  it('orders RFC 3339 timestamps in time order and equal strings as 0', () => {
    expect(compareStrings('2026-01-02T00:00:00Z', '2026-01-10T00:00:00Z')).toBe(-1);
    expect(compareStrings('x', 'x')).toBe(0);
  });
});
