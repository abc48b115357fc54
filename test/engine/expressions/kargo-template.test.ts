// Kargo's `${{ }}` template rules: pkg/expressions/json_templates_test.go
// (TestEvaluateJSONTemplate), run through evaluateTemplate.

import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { evaluateTemplate, ExpressionError, GoStruct } from '../../../src/engine/expressions/index.js';

const testStruct = new GoStruct('expressions.testStruct', { AString: 'hello', AnInt: 42 }, () => ({
  AString: 'hello',
  AnInt: 42,
  AFloat: 0,
  ABool: false,
  AStringMap: null,
  AnIntMap: null,
  AStringArr: null,
  AnIntArr: null,
  AStruct: null,
}));

const testEnv = {
  aString: 'hello',
  anInt: 42,
  aFloat: 3.14,
  aBool: true,
  aStringMap: { aString: 'hello', anotherString: 'world' },
  anIntMap: { anInt: 42, anotherInt: 43 },
  aStringArr: ['one', 'two', 'three'],
  anIntArr: [1, 2, 3],
  aStruct: testStruct,
};

describe('evaluateTemplate (TestEvaluateJSONTemplate)', () => {
  it.each([
    [
      'scalar values',
      { AString: '${{ aString }}', AnInt: '${{ anInt }}', AFloat: '${{ aFloat }}', ABool: '${{ aBool }}' },
      { AString: 'hello', AnInt: 42, AFloat: 3.14, ABool: true },
    ],
    ['mixing an expression with string literals', { AString: '${{ aString }}, world!' }, { AString: 'hello, world!' }],
    ['multiple expressions in one value', { AString: '${{ aString }}, ${{ anInt }}!' }, { AString: 'hello, 42!' }],
    ['maps', { AStringMap: '${{ aStringMap }}', AnIntMap: '${{ anIntMap }}' }, { AStringMap: testEnv.aStringMap, AnIntMap: testEnv.anIntMap }],
    ['arrays', { AStringArr: '${{ aStringArr }}', AnIntArr: '${{ anIntArr }}' }, { AStringArr: testEnv.aStringArr, AnIntArr: testEnv.anIntArr }],
    ['structs', { AStruct: '${{ aStruct }}' }, { AStruct: testStruct.json() }],
    ['null', { AStruct: '${{ "null" }}' }, { AStruct: null }],
    [
      'test recursion',
      { AStringMap: { key: '${{ aString }}' }, AnIntMap: { key: '${{ anInt }}' }, AStringArr: ['${{ aString }}'], AnIntArr: ['${{ anInt }}'] },
      { AStringMap: { key: 'hello' }, AnIntMap: { key: 42 }, AStringArr: ['hello'], AnIntArr: [42] },
    ],
    ['quote function forces null to string', { AString: '${{ quote(null) }}' }, { AString: 'null' }],
    ['quote function forces bool to string', { AString: '${{ quote(true) }}' }, { AString: 'true' }],
    ['quote function forces number to string', { AString: '${{ quote(42) }}' }, { AString: '42' }],
    ['quote function forces object to string', { AString: "${{ quote({ 'foo': 'bar' }) }}" }, { AString: '{"foo":"bar"}' }],
    ["quote function doesn't double quote string input", { AString: "${{ quote('foo') }}" }, { AString: 'foo' }],
    ['unsafeQuote function does double quote string input', { AString: "${{ unsafeQuote('foo') }}" }, { AString: '"foo"' }],
    ['asYAML function formats array as string', { AString: "${{ asYAML([ 'one', 'two' ]) }}" }, { AString: '- one\n- two\n' }],
    ['alternative delimiters allow other end delimiter characters within expression', { AString: "${% '{{.domain}}' %}" }, { AString: '{{.domain}}' }],
    ['multiple delimiters can coexist in the same template', { AString: "foo ${{ aString }} and ${% 'bar' %}" }, { AString: 'foo hello and bar' }],
  ])('%s', (_name, template, want) => {
    expect(evaluateTemplate(template, testEnv)).toEqual(want);
  });

  it('asYAML function formats map as string', () => {
    const out = evaluateTemplate({ AString: "${{ asYAML({ 'foo': 'bar', 'count': 2 }) }}" }, testEnv) as { AString: string };
    expect(out.AString).toContain('foo: bar\n');
    expect(out.AString).toContain('count: 2\n');
  });

  it('asJSON function formats object as pretty JSON string', () => {
    const out = evaluateTemplate({ AString: "${{ asJSON({ 'foo': 'bar', 'count': 2 }) }}" }, testEnv) as { AString: string };
    expect(JSON.parse(out.AString)).toEqual({ foo: 'bar', count: 2 });
    expect(out.AString.endsWith('\n')).toBe(true);
  });

  it('a variety of tricky cases dealing with YAML and quotes', () => {
    const template: unknown = parseYaml(
      [
        'value1: {"foo": "bar"} # This is a JSON object',
        `value2: '\${{ quote({"foo": "bar"}) }}' # This is a string`,
        'value3: | # This is a string',
        '  {"foo": "bar"}',
        'value4: | # This is a JSON object',
        '  ${{ {"foo": "bar"} }}',
        'value5: | # This is a string',
        '  ${{ quote({"foo": "bar"}) }}',
        "value6: | # Make sure we're not tripped up by multiple newlines",
        '  ${{ quote({"foo": "bar"}) }}',
        '  ',
        'value7: 42 # This is a number',
        'value8: "42" # This is a string',
        "value9: '42'\t# This is a string",
        "value10: '${{ quote(42) }}' # This is a string",
        'value11: | # This is a string',
        '  42',
        'value12: | # This is a number',
        '  ${{ 42 }}',
        'value13: | # This is a string',
        '  ${{ quote(42) }}',
      ].join('\n'),
    );
    expect(evaluateTemplate(template, testEnv)).toEqual({
      value1: { foo: 'bar' },
      value2: '{"foo":"bar"}',
      value3: '{"foo": "bar"}\n',
      value4: { foo: 'bar' },
      value5: '{"foo":"bar"}\n',
      value6: '{"foo":"bar"}\n',
      value7: 42,
      value8: '42',
      value9: '42',
      value10: '42',
      value11: '42\n',
      value12: 42,
      value13: '42\n',
    });
  });

  it.each([
    ['missing closing delimiter', '${{ aString ', 'unclosed expression: expected "}}" but reached end of template at 1:1 in "${{ aString "'],
    ['closing delimiter in expression body terminates early', "${{ '{{.domain}}' }}", `literal not terminated at 1:12 in " '{{.domain"`],
  ])('%s', (_name, template, message) => {
    expect(() => evaluateTemplate({ AString: template }, testEnv)).toThrow(ExpressionError);
    expect(() => evaluateTemplate({ AString: template }, testEnv)).toThrow(message);
  });

  it('leaves strings without delimiters, keys and non-strings alone, and does not change its input', () => {
    const input = { '${{ key }}': '42', n: 7, b: false, nested: ['${{ anInt + 1 }}'] };
    const snapshot = structuredClone(input);
    expect(evaluateTemplate(input, testEnv)).toEqual({ '${{ key }}': '42', n: 7, b: false, nested: [43] });
    expect(input).toEqual(snapshot);
  });
});
