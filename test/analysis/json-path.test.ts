// The client-go JSONPath subset the web provider uses: what the first match is,
// and client-go's errors for missing keys and bad indexes.

import { describe, expect, it } from 'vitest';
import { parseJsonPath } from '../../src/analysis/providers/json-path.js';

const DOC = {
  status: 'ok',
  data: {
    ok: true,
    n: null,
    items: [
      { name: 'a', v: 1 },
      { name: 'b', v: 2 },
    ],
    nested: { deep: { name: 'x' } },
  },
};

describe('JSONPath', () => {
  it.each([
    { path: '{$}', expected: [[DOC]] },
    { path: '{.status}', expected: [['ok']] },
    { path: '{$.data.ok}', expected: [[true]] },
    { path: '{$.data.n}', expected: [[null]] },
    { path: "{$['data']['ok']}", expected: [[true]] },
    { path: '{$.data.items[0].name}', expected: [['a']] },
    { path: '{$.data.items[-1].v}', expected: [[2]] },
    { path: '{$.data.items[*].v}', expected: [[1, 2]] },
    { path: '{$.data.items[0:1].name}', expected: [['a']] },
    { path: '{$.data.items[?(@.v > 1)].name}', expected: [['b']] },
    { path: '{$.data.items[?(@.name == "a")].v}', expected: [[1]] },
    { path: '{..name}', expected: [['a', 'b', 'x']] },
    { path: 'status: {.status}', expected: [['status: '], ['ok']] },
    { path: '$.status', expected: [['$.status']] },
  ])('$path', ({ path, expected }) => {
    expect(parseJsonPath(path).find(DOC)).toEqual(expected);
  });

  it.each([
    { path: '{$.missing}', message: 'missing is not found' },
    { path: '{$.data.n.x}', message: 'x is not found' },
    { path: '{$.data.items[5]}', message: 'array index out of bounds: index 5, length 2' },
  ])('$path fails: $message', ({ path, message }) => {
    expect(() => parseJsonPath(path).find(DOC)).toThrow(message);
  });

  it('a filter that matches nothing gives no match, not an error', () => {
    expect(parseJsonPath('{$.data.items[?(@.v > 5)]}').find(DOC)).toEqual([[]]);
  });
});
