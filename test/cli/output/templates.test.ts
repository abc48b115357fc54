// The template engines on their own, for what the kubectl comparison cannot pin
// down (Go walks maps in random order) or does not reach: error wording, Go's
// number printing, loop control, custom columns' layout.

import { describe, expect, it } from 'vitest';
import { formatCustomColumns, parseCustomColumnsSpec, relaxedJsonPath } from '../../../src/output/custom-columns.js';
import { compileGoTemplate } from '../../../src/output/go-template/index.js';
import { goFloat, goJson } from '../../../src/output/go-values.js';
import { compileJsonPath } from '../../../src/output/jsonpath/index.js';
import { sortByJsonPath } from '../../../src/output/sort-by.js';

const data = {
  kind: 'List',
  items: [
    { metadata: { name: 'web-10', labels: { b: '2', a: '1' } }, spec: { replicas: 3, ratio: 0.5, big: 1000000, tags: ['x', 'y'], on: true, none: null } },
    { metadata: { name: 'web-2' }, spec: { replicas: 1, ratio: 1.25, big: 0.00001, tags: [], on: false } },
  ],
};

const jsonpath = (template: string, allowMissingKeys = true) => compileJsonPath(template, { allowMissingKeys }).print(data);
const gotemplate = (template: string, allowMissingKeys = true) => compileGoTemplate(template, { allowMissingKeys }).execute(data);

describe('JSONPath (client-go dialect)', () => {
  it.each([
    ['{.items[0].metadata.labels.*}', '1 2'],
    ['{.items[0].metadata.labels}', '{"a":"1","b":"2"}'],
    ['{.items[*].spec.replicas}', '3 1'],
    ['{.items[*].spec.ratio}', '0.5 1.25'],
    ['{.items[*].spec.big}', '1000000 1e-05'],
    ['{.items[0].spec.none}', '<nil>'],
    ['{.items[?(@.spec.on)].metadata.name}', 'web-10 web-2'],
    ['{.items[?(@.spec.on==true)].metadata.name}', 'web-10'],
    ['{.items[?(@.spec.replicas>1)].metadata.name}', 'web-10'],
    ['{.items[?(@.spec.ratio<1.0)].metadata.name}', 'web-10'],
    ['{.items[?(@.metadata.labels.a)].metadata.name}', 'web-10'],
    ['{..tags}', '["x","y"] []'],
    ['{.items[0].metadata.name\\.x}', ''],
    ['{\'\\t\'}{"\\u00e9\\x41"}', '\téA'],
    ['{range .items[*]}{range .spec.tags[*]}<{@}>{end}|{end}', '<x><y>||'],
    ['{.items[-1].metadata.name}', 'web-2'],
    ['{.items[0].metadata.name}{"<&>"}', 'web-10<&>'],
  ])('%s', (template, expected) => {
    expect(jsonpath(template)).toBe(expected);
  });

  it.each([
    ['{.items[0].nothing}', 'nothing is not found'],
    ['{.items[5]}', 'array index out of bounds: index 5, length 2'],
    ['{.items[0].metadata[0]}', 'map[string]interface {} is not array or slice'],
    ['{.items[?(@.spec.replicas=="3")]}', 'incompatible types for comparison'],
    ['{.items[?(@.spec.tags=="x")]}', 'invalid type for comparison'],
    ['{end}', 'not in range, nothing to end'],
    ['{nope}', 'unrecognized identifier nope'],
  ])('%s fails with "%s"', (template, message) => {
    expect(() => jsonpath(template, false)).toThrow(message);
  });

  it.each([
    ['{.items[*', 'unterminated array'],
    ['{.items[?(@.x=="a"', 'unterminated filter'],
    ['{"abc}', 'unterminated quoted string'],
    ['{.a', 'unclosed action'],
    ['{.a..b..c}', ''],
    ['{#}', "unrecognized character in action: U+0023 '#'"],
    ['{.items[x]}', 'invalid array index x'],
  ])('%s does not parse', (template, message) => {
    if (message === '') expect(() => compileJsonPath(template, { allowMissingKeys: true })).not.toThrow();
    else expect(() => compileJsonPath(template, { allowMissingKeys: true })).toThrow(message);
  });

  it('prints each action as an indented JSON array with jsonpath-as-json', () => {
    expect(compileJsonPath('{.items[*].spec.replicas}', { allowMissingKeys: true, json: true }).print(data)).toBe('[\n    3,\n    1\n]\n');
  });
});

describe('Go templates (text/template with kubectl data)', () => {
  it.each([
    ['{{range .items}}{{.metadata.name}} {{end}}', 'web-10 web-2 '],
    ['{{range $i, $e := .items}}{{$i}}={{$e.spec.replicas}};{{end}}', '0=3;1=1;'],
    ['{{range .items}}{{.spec.big}} {{end}}', '1000000 1e-05 '],
    ['{{range .items}}{{.spec.ratio}} {{end}}', '0.5 1.25 '],
    ['{{(index .items 0).metadata.labels}}', 'map[a:1 b:2]'],
    ['{{index .items 0 | json}}', goJson(data.items[0])],
    ['{{range .items}}{{if gt .spec.replicas 2}}big{{else if eq .spec.replicas 1}}one{{end}}{{end}}', 'bigone'],
    ['{{range .items}}{{if .spec.on}}{{continue}}{{end}}{{.metadata.name}}{{end}}', 'web-2'],
    ['{{range .items}}{{.metadata.name}}{{break}}{{end}}', 'web-10'],
    ['{{range .nothing}}x{{else}}empty{{end}}', 'empty'],
    ['{{$x := 1}}{{range .items}}{{$x = .metadata.name}}{{end}}{{$x}}', 'web-2'],
    ['{{with .items}}{{len .}}{{end}}{{with .nothing}}x{{else}}none{{end}}', '2none'],
    ['a  {{- "b" -}}  c', 'abc'],
    ['{{printf "%05.1f|%-4d|%x|%q|%t|%v" 3.14159 7 255 "q" true .kind}}', '003.1|7   |ff|"q"|true|List'],
    ['{{printf "%d %s" "x"}}', '%!d(string=x) %!s(MISSING)'],
    ['{{or .nothing "fallback"}} {{and 1 0}} {{not true}}', 'fallback 0 false'],
    ['{{.nothing}} {{.nothing.deeper}}', '<no value> <no value>'],
    ['{{exists . "items" 1 "metadata"}} {{exists . "items" 5}}', 'true false'],
    ['{{base64decode "aGVsbG8="}}', 'hello'],
    ['{{/* comment */ -}}  x', 'x'],
    ['{{print 1 2 "a" "b" 3}}', '1 2ab3'],
    ['{{len "héllo"}}', '6'],
    ['{{slice "abcdef" 1 3}}', 'bc'],
  ])('%s', (template, expected) => {
    expect(gotemplate(template)).toBe(expected);
  });

  it.each([
    ['{{.items.nothing.deeper}}', "can't evaluate field nothing in type []interface {}", true],
    ['{{(index .items 0).spec.none.x}}', 'nil pointer evaluating interface {}.x', true],
    ['{{.nothing}}', 'map has no entry for key "nothing"', false],
    ['{{eq .kind 1}}', 'incompatible types for comparison', true],
    ['{{index .items 9}}', 'error calling index: index out of range: 9', true],
    ['{{len 3}}', 'error calling len: len of type int', true],
    ['{{not 1 2}}', 'wrong number of args for not: want 1 got 2', true],
    ['{{range .kind}}{{end}}', "range can't iterate over List", true],
  ])('%s fails with "%s"', (template, message, allowMissingKeys) => {
    expect(() => gotemplate(template, allowMissingKeys)).toThrow(message);
  });

  it.each([
    ['{{.a', 'unclosed action'],
    ['{{if .a}}x', 'unexpected EOF'],
    ['{{end}}', 'unexpected {{end}}'],
    ['{{nope}}', 'function "nope" not defined'],
    ['{{break}}', '{{break}} outside {{range}}'],
    ['{{template "x"}}', '{{template}} is not supported'],
    ['{{"abc}}', 'unterminated quoted string'],
  ])('%s does not parse', (template, message) => {
    expect(() => compileGoTemplate(template, { allowMissingKeys: true })).toThrow(message);
  });
});

describe("Go's number printing", () => {
  it.each([
    [3, '3'],
    [0.5, '0.5'],
    [123456, '123456'],
    [1234567, '1.234567e+06'],
    [1e21, '1e+21'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [-2.5e-7, '-2.5e-07'],
  ])('%s as a float64 prints %s', (value, expected) => {
    expect(goFloat(value)).toBe(expected);
  });
});

describe('custom columns and --sort-by', () => {
  it('lays out columns as kubectl tabwriter does: 3 blanks apart, at least 6 wide, <none> for nothing', () => {
    const columns = parseCustomColumnsSpec('N:.metadata.name,R:{.spec.replicas},T:spec.tags[*],X:.nope');
    expect(formatCustomColumns(data.items, columns, true)).toBe('N        R     T        X\nweb-10   3     x,y      <none>\nweb-2    1     <none>   <none>\n');
  });

  it('accepts the relaxed path spellings', () => {
    expect(['a.b', '.a.b', '{a.b}', '{.a.b}'].map(relaxedJsonPath)).toEqual(['{.a.b}', '{.a.b}', '{.a.b}', '{.a.b}']);
  });

  it('sorts numbers numerically, strings byte-wise, objects without the field first', () => {
    const items = [{ metadata: { name: 'b' }, n: 10 }, { metadata: { name: 'a' } }, { metadata: { name: 'c' }, n: 9 }, { metadata: { name: 'd' } }];
    // kubectl's own quirk: items without the field come first, in reverse order.
    expect(sortByJsonPath(items, '.n').map((item) => item.metadata.name)).toEqual(['d', 'a', 'c', 'b']);
    expect(sortByJsonPath(data.items, '.metadata.name').map((item) => item.metadata.name)).toEqual(['web-10', 'web-2']);
  });
});
