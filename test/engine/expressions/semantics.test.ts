// Type semantics the brief asks about, as expr-lang v1.17.8's runtime has
// them (vm/runtime helpers, builtin/builtin_test.go TestBuiltin_errors).

import { describe, expect, it } from 'vitest';
import { evaluateExpression, evaluateTemplate } from '../../../src/engine/expressions/index.js';

describe('numbers, strings and nil', () => {
  it.each([
    ['7 / 2', 3.5], // `/` is always a float division
    ['6 / 3', 2],
    ['7 % 2', 1],
    ['-7 % 2', -1], // Go truncates toward zero
    ['2 ** 0.5', Math.SQRT2],
    ['1 == 1.0', true], // ints and floats compare by value
    ['1 < 1.5', true],
    ['"a" + "b"', 'ab'],
    ['"b" > "a"', true],
    ['nil == nil', true],
    ['nothing?.foo', null],
    ['m.missing', null], // a missing map key is nil, not an error
    ['m.missing?.deeper', null],
    ['unknownName', null], // Kargo compiles without an Env: unknown names are nil
    ['string(0.1 + 0.2)', '0.30000000000000004'],
    ['string(1234567.5)', '1.2345675e+06'], // fmt's %v switches to an exponent from 1e6
    ['string(nil)', '<nil>'],
    ['string([1, "a"])', '[1 a]'],
    ['string({b: 1, a: true})', 'map[a:true b:1]'],
    ['toJSON("<&>")', '"\\u003c\\u0026\\u003e"'], // encoding/json escapes HTML characters
  ])('%s', (code, want) => {
    expect(evaluateExpression(code, { m: {} })).toEqual(want);
  });

  it.each([
    ['m.missing.deeper', 'cannot fetch deeper from <nil> at 1:11 in "m.missing.deeper"'],
    ['fromJSON("5e2482")', 'json: cannot unmarshal number 5e2482 into Go value of type float64'],
    ['fromJSON("{")', 'unexpected end of JSON input'],
    ['fromJSON("x")', "invalid character 'x' looking for beginning of value"],
    ['1 && true', 'interface conversion: interface {} is int, not bool'],
  ])('%s fails', (code, message) => {
    expect(() => evaluateExpression(code, { m: {} })).toThrow(message);
  });
});

describe('unknown functions', () => {
  it.each([
    ['imagefrom("x")', { imageFrom: () => null }, 'invalid operation: cannot call nil (no function named "imagefrom"; did you mean imageFrom()?)'],
    ['uper("a")', {}, 'invalid operation: cannot call nil (no function named "uper"; did you mean upper()?)'],
    ['frobnicate()', {}, 'invalid operation: cannot call nil (no function named "frobnicate") at 1:1'],
  ])('%s', (code, env, message) => {
    expect(() => evaluateExpression(code, env)).toThrow(message);
  });
});

describe('size limits', () => {
  it("refuses expressions past expr's 10,000-node limit, however deeply nested", () => {
    const wide = Array.from({ length: 6000 }, (_, i) => String(i)).join(' + ');
    const deep = `${'('.repeat(20000)}1${')'.repeat(20000)}`;
    for (const source of [wide, deep]) {
      expect(() => evaluateExpression(source, {})).toThrow('compilation failed: expression exceeds maximum allowed nodes');
    }
  });
});

describe('keys are data', () => {
  it('keeps a __proto__ key as an ordinary key in maps, templates and JSON', () => {
    const map = evaluateExpression('{"__proto__": 1, a: 2}', {}) as Record<string, unknown>;
    expect(Object.keys(map)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(evaluateExpression('toJSON(m)', { m: map })).toBe('{\n  "__proto__": 1,\n  "a": 2\n}');
    const config = JSON.parse('{"__proto__": "${{ 1 + 1 }}"}') as unknown;
    expect(Object.keys(evaluateTemplate(config, {}) as object)).toEqual(['__proto__']);
  });
  it('does not reach into prototypes', () => {
    expect(evaluateExpression('m.constructor', { m: {} })).toBeNull();
    expect(evaluateExpression('"toString" in m', { m: {} })).toBe(false);
    expect(() => evaluateExpression('constructor()', {})).toThrow('cannot call nil');
  });
});
