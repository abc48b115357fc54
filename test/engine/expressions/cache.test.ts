// Parsed expressions are cached by source, in a bounded LRU.

import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../src/engine/expressions/core/lru.js';
import { compileExpression, evaluateExpression } from '../../../src/engine/expressions/index.js';

describe('LruCache', () => {
  it('keeps at most its capacity and evicts the least recently used first', () => {
    const cache = new LruCache<string, number>(10);
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, i);
    expect(cache.get('k0')).toBe(0); // k0 is now the most recent; k1 the oldest
    cache.set('k10', 10);
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k0')).toBe(0);
    expect(cache.get('k10')).toBe(10);
  });
});

describe('compileExpression', () => {
  it('returns the same tree for the same source, and evaluation does not depend on earlier envs', () => {
    expect(compileExpression('a + 1')).toBe(compileExpression('a + 1'));
    expect(evaluateExpression('a + 1', { a: 1 })).toBe(2);
    expect(evaluateExpression('a + 1', { a: 41 })).toBe(42);
  });
  it('matches Go regexp inline flags', () => {
    expect(evaluateExpression('"FOO" matches "(?i)^foo$"', {})).toBe(true);
    expect(evaluateExpression('"FOO" matches "^foo$"', {})).toBe(false);
  });
});
