import { describe, expect, it } from 'vitest';
import { array, defineConfig, enumOf, invalidConfigMessage, nonEmptyString, object, boolean, when, integer } from '../../src/engine/config-schema.js';

const validate = defineConfig(
  'demo',
  object(
    {
      path: nonEmptyString(),
      paths: array(nonEmptyString(), { minItems: 1 }),
      mode: string_enum(),
      count: integer({ minimum: 1 }),
      items: array(object({ name: nonEmptyString(), flag: boolean() }, { required: ['name'] })),
    },
    { oneOf: [when(['path']), when(['paths'])] },
  ),
);

function string_enum() {
  return { type: 'string', ...enumOf('a', 'b') };
}

describe('defineConfig', () => {
  it('accepts a valid config', () => {
    expect(validate({ path: 'x', mode: 'a', items: [{ name: 'n', flag: true }] })).toEqual([]);
  });

  it('names the field of each problem, in gojsonschema words', () => {
    expect(validate({ path: '', mode: 'c', count: 0, extra: 1, items: [{ flag: 'yes' }] })).toEqual([
      '(root): Additional property extra is not allowed',
      'path: String length must be greater than or equal to 1',
      'mode: mode must be one of the following: "a", "b"',
      'count: Must be greater than or equal to 1',
      'items.0: name is required',
      'items.0.flag: Invalid type. Expected: boolean, given: string',
    ]);
  });

  it('reports a failed oneOf with the closest branch only', () => {
    expect(validate({})).toEqual(['(root): Must validate one and only one schema (oneOf)', '(root): path is required']);
    expect(validate({ path: 'a', paths: ['b'] })).toEqual(['(root): Must validate one and only one schema (oneOf)']);
  });

  it('reports a wrong top-level type', () => {
    expect(validate('nope')).toContain('(root): Invalid type. Expected: object, given: string');
  });

  it("words the step's error as Kargo does", () => {
    expect(invalidConfigMessage('copy', ['(root): inPath is required', '(root): outPath is required'])).toBe(
      'invalid copy config: (root): inPath is required\n(root): outPath is required',
    );
  });
});
