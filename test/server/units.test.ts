// Pure pieces of the server, table-driven: selectors, patches, schema handling, ages, RBAC rules.

import { describe, expect, it } from 'vitest';
import { jsonPatch, mergePatch } from '../../src/server/patch.js';
import { ruleAllows } from '../../src/server/rbac.js';
import { applySchema } from '../../src/server/schema.js';
import { parseFieldSelector, parseLabelSelector } from '../../src/server/selectors.js';
import type { ApiError } from '../../src/server/status.js';
import { evaluateJsonPath, humanAge } from '../../src/server/table.js';
import type { StoredObject } from '../../src/server/types.js';

function object(name: string, labels: Record<string, string> = {}, namespace = 'ns'): StoredObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace, labels, uid: 'u', resourceVersion: '1', generation: 1, creationTimestamp: '2026-01-01T00:00:00Z' },
  };
}

describe('label selectors', () => {
  const cases: [string, Record<string, string>, boolean][] = [
    ['a=1', { a: '1' }, true],
    ['a==1', { a: '2' }, false],
    ['a!=1', {}, true],
    ['a in (1, 2)', { a: '2' }, true],
    ['a notin (1,2)', { a: '3' }, true],
    ['a notin (1,2)', {}, true],
    ['a', { a: '' }, true],
    ['!a', { a: 'x' }, false],
    ['a=1,b in (x)', { a: '1', b: 'x' }, true],
    ['example.com/tier=web', { 'example.com/tier': 'web' }, true],
    ['', { a: '1' }, true],
    ['n>3', { n: '4' }, true],
    ['n>3', { n: 'x' }, false],
    ['n<3', {}, false],
  ];
  it.each(cases)('%s on %j → %s', (selector, labels, expected) => {
    expect(parseLabelSelector(selector)(object('x', labels))).toBe(expected);
  });

  it.each(['a in (1', 'a=(', '=1', 'a b', 'a,,b', 'Bad Key=1', 'a=' + 'x'.repeat(64), 'n>x'])('rejects %s with 400', (selector) => {
    expect(() => parseLabelSelector(selector)).toThrowError(expect.objectContaining({ code: 400, reason: 'BadRequest' }) as ApiError);
  });
});

describe('field selectors', () => {
  it('matches metadata.name and metadata.namespace, and refuses other fields', () => {
    expect(parseFieldSelector('metadata.name=x')(object('x'))).toBe(true);
    expect(parseFieldSelector('metadata.name!=x,metadata.namespace=ns')(object('y'))).toBe(true);
    expect(parseFieldSelector('metadata.namespace==other')(object('y'))).toBe(false);
    expect(() => parseFieldSelector('spec.x=1')).toThrowError(/field label not supported: spec\.x/);
  });
});

describe('patches', () => {
  it('merge patch replaces lists, merges maps and deletes on null', () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, l: [1, 2] }, { a: { c: null, d: 3 }, l: [3] })).toEqual({ a: { b: 1, d: 3 }, l: [3] });
    expect(mergePatch({ a: 1 }, 'scalar')).toBe('scalar');
  });

  it('json patch supports every operation and leaves the input untouched', () => {
    const source = { a: { b: [1, 2, 3] }, c: 'x' };
    const result = jsonPatch(source, [
      { op: 'add', path: '/a/b/1', value: 9 },
      { op: 'remove', path: '/a/b/0' },
      { op: 'replace', path: '/c', value: 'y' },
      { op: 'copy', from: '/c', path: '/d' },
      { op: 'move', from: '/d', path: '/e~1f' },
      { op: 'test', path: '/a/b', value: [9, 2, 3] },
    ]);
    expect(result).toEqual({ a: { b: [9, 2, 3] }, c: 'y', 'e/f': 'y' });
    expect(source).toEqual({ a: { b: [1, 2, 3] }, c: 'x' });
  });

  it.each([
    [[{ op: 'remove', path: '/missing' }], 422],
    [[{ op: 'replace', path: '/a/9', value: 1 }], 422],
    [[{ op: 'test', path: '/c', value: 'nope' }], 422],
    [[{ op: 'frobnicate', path: '/c' }], 422],
    [{ op: 'add' }, 400],
  ])('rejects %j with %i', (operations, code) => {
    expect(() => jsonPatch({ a: [1], c: 'x' }, operations)).toThrowError(expect.objectContaining({ code }) as ApiError);
  });
});

describe('schema handling', () => {
  const schema = {
    openAPIV3Schema: {
      type: 'object',
      properties: {
        spec: {
          type: 'object',
          required: ['n'],
          properties: {
            n: { type: 'integer' },
            mode: { type: 'string', default: 'auto' },
            free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
            map: { type: 'object', additionalProperties: { type: 'integer' } },
            list: { type: 'array', items: { type: 'object', properties: { k: { type: 'string' } } } },
            intOrString: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
          },
        },
      },
    },
  };
  const base = { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'a' } };

  it('prunes undeclared fields at every depth, reporting their paths', () => {
    const outcome = applySchema(
      { ...base, spec: { n: 1, junk: 1, list: [{ k: 'v', extra: true }], free: { any: { thing: 1 } }, map: { a: 1 } }, top: 1 },
      schema,
    );
    expect(outcome.object).toEqual({ ...base, spec: { n: 1, mode: 'auto', list: [{ k: 'v' }], free: { any: { thing: 1 } }, map: { a: 1 } } });
    expect(outcome.unknownFields.sort()).toEqual(['spec.junk', 'spec.list[0].extra', 'top']);
    expect(outcome.causes).toEqual([]);
  });

  it('reports each violation as a Kubernetes cause', () => {
    const outcome = applySchema({ ...base, spec: { map: { a: 'x' }, intOrString: true } }, schema);
    expect(outcome.causes).toEqual(
      expect.arrayContaining([
        { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.n' },
        expect.objectContaining({ reason: 'FieldValueTypeInvalid', field: 'spec.map.a' }),
      ]),
    );
  });

  it('accepts Go regular expressions that JavaScript unicode mode would reject', () => {
    const goPattern = {
      openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { s: { type: 'string', pattern: '^[\\w.\\-\\_]+$' } } } } },
    };
    expect(applySchema({ ...base, spec: { s: 'a-b_c.d' } }, goPattern).causes).toEqual([]);
  });
});

describe('RBAC rules', () => {
  const attributes = { verb: 'promote', group: 'kargo.akuity.io', resource: 'stages', namespace: 'p', name: 'dev' };
  it.each([
    [{ verbs: ['promote'], apiGroups: ['kargo.akuity.io'], resources: ['stages'] }, true],
    [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, true],
    [{ verbs: ['promote'], apiGroups: ['kargo.akuity.io'], resources: ['stages'], resourceNames: ['dev'] }, true],
    [{ verbs: ['promote'], apiGroups: ['kargo.akuity.io'], resources: ['stages'], resourceNames: ['prod'] }, false],
    [{ verbs: ['get'], apiGroups: ['kargo.akuity.io'], resources: ['stages'] }, false],
    [{ verbs: ['promote'], apiGroups: [''], resources: ['stages'] }, false],
    [{ verbs: ['promote'], apiGroups: ['kargo.akuity.io'], resources: ['stages/status'] }, false],
  ])('%j allows promote stages/dev: %s', (rule, expected) => {
    expect(ruleAllows(rule, attributes)).toBe(expected);
  });

  it('matches subresources exactly or by wildcard', () => {
    const status = { ...attributes, verb: 'patch', subresource: 'status' };
    expect(ruleAllows({ verbs: ['patch'], apiGroups: ['*'], resources: ['stages/status'] }, status)).toBe(true);
    expect(ruleAllows({ verbs: ['patch'], apiGroups: ['*'], resources: ['stages/*'] }, status)).toBe(true);
    expect(ruleAllows({ verbs: ['patch'], apiGroups: ['*'], resources: ['*/status'] }, status)).toBe(true);
    expect(ruleAllows({ verbs: ['patch'], apiGroups: ['*'], resources: ['stages'] }, status)).toBe(false);
  });
});

describe('tables', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  it.each([
    ['2026-01-09T23:59:30Z', '30s'],
    ['2026-01-09T23:55:30Z', '4m30s'],
    ['2026-01-09T23:30:00Z', '30m'],
    ['2026-01-09T20:15:00Z', '3h45m'],
    ['2026-01-09T00:00:00Z', '24h'],
    ['2026-01-06T12:00:00Z', '3d12h'],
    ['2025-12-01T00:00:00Z', '40d'],
    ['2026-01-10T00:00:05Z', '<invalid>'],
  ])('age since %s is %s', (since, expected) => {
    expect(humanAge(since, now)).toBe(expected);
  });

  it('evaluates the JSONPath subset used by printer columns', () => {
    const stage = {
      status: {
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'Healthy', status: 'False' },
        ],
      },
      spec: { list: ['a', 'b'] },
    };
    expect(evaluateJsonPath(stage, '.status.conditions[?(@.type=="Healthy")].status')).toBe('False');
    expect(evaluateJsonPath(stage, '.spec.list[1]')).toBe('b');
    expect(evaluateJsonPath(stage, '.spec.missing')).toBeUndefined();
  });
});
