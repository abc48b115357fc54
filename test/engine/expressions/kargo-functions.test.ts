// Kargo's expression functions: pkg/expressions/function/functions_test.go
// (v1.11.2), called from expressions through kargoExpressionEnv.

import { describe, expect, it } from 'vitest';
import { evaluateExpression, kargoExpressionEnv } from '../../../src/engine/expressions/index.js';
import type { KargoExpressionData } from '../../../src/engine/expressions/index.js';
import { fakeData, fakeWarehouse } from './cases/kargo-fixtures.js';

const run = (code: string, data: Partial<KargoExpressionData> = {}) => evaluateExpression(code, kargoExpressionEnv(fakeData(data)));
const toJSON = (value: unknown) => JSON.parse(evaluateExpression('toJSON(v)', { v: value }) as string) as unknown;

describe('warehouse (TestWarehouse)', () => {
  it('valid warehouse name', () => {
    expect(toJSON(run("warehouse('fake-warehouse')"))).toEqual({ kind: 'Warehouse', name: 'fake-warehouse' });
    expect(run("warehouse('w').Name")).toBe('w');
  });
  it.each([
    ['warehouse()', 'expected 1 argument'],
    ["warehouse('a', 'b')", 'expected 1 argument'],
    ['warehouse(1)', 'argument must be string'],
    ["warehouse('')", 'name must not be empty'],
  ])('%s', (code, message) => {
    expect(() => run(code)).toThrow(message);
  });
});

describe('commitFrom, imageFrom, chartFrom, artifactFrom (Test*FromFreight)', () => {
  it.each([
    ["commitFrom('https://fake-git-repo').ID", 'fake-commit-id'],
    ["commitFrom('https://FAKE-git-repo/').ID", 'fake-commit-id'],
    ["commitFrom('https://fake-git-repo', warehouse('fake-warehouse')).ID", 'fake-commit-id'],
    ["imageFrom('fake-image-repo').Tag", 'fake-image-tag'],
    ["imageFrom('fake-image-repo', warehouse('fake-warehouse')).Tag", 'fake-image-tag'],
    ["chartFrom('oci://fake-oci-repo/fake-chart').Version", 'fake-oci-chart-version'],
    ["chartFrom('https://fake-chart-repo', 'fake-chart').Version", 'fake-chart-version'],
    ["chartFrom('https://fake-chart-repo', 'fake-chart', warehouse('fake-warehouse')).Name", 'fake-chart'],
    ["artifactFrom('fake-sub').Version", 'fake-version'],
    ["artifactFrom('fake-sub', warehouse('fake-warehouse')).SubscriptionName", 'fake-sub'],
    ["artifactFrom('fake-sub').Metadata.digest", 'sha256:abc'],
    ["imageFrom('not-subscribed')", null],
    ["commitFrom('https://other-repo')", null],
    ["artifactFrom('other-sub')", null],
    ["imageFrom('fake-image-repo', warehouse('other-warehouse'))", null],
  ])('%s', (code, want) => {
    expect(run(code)).toEqual(want);
  });

  it('prints artifacts with the CRD field names', () => {
    expect(toJSON(run("imageFrom('fake-image-repo')"))).toEqual({ repoURL: 'fake-image-repo', tag: 'fake-image-tag' });
    expect(toJSON(run("commitFrom('https://fake-git-repo')"))).toEqual({ repoURL: 'https://fake-git-repo', id: 'fake-commit-id' });
  });

  it.each([
    ['commitFrom()', 'expected 1-2 arguments'],
    ["commitFrom('a', 'b', 'c')", 'expected 1-2 arguments'],
    ['commitFrom(1)', 'first argument must be string'],
    ["commitFrom('a', 'b')", 'second argument must be FreightOrigin'],
    ['imageFrom()', 'expected 1-2 arguments'],
    ['imageFrom(1)', 'first argument must be string'],
    ["imageFrom('a', 1)", 'second argument must be FreightOrigin'],
    ['chartFrom()', 'expected 1-3 arguments'],
    ["chartFrom('a', 'b', warehouse('w'), 'd')", 'expected 1-3 arguments'],
    ['chartFrom(1)', 'first argument must be string'],
    ["chartFrom('a', 1)", 'second argument must be string or FreightOrigin'],
    ["chartFrom('a', 'b', 'c')", 'third argument must be FreightOrigin'],
    ["chartFrom('a', warehouse('w'), warehouse('w'))", 'when using three arguments, second argument must be string'],
    ["chartFrom('https://nowhere')", 'chart from repo https://nowhere not found in referenced Freight'],
    ["chartFrom('https://nowhere', 'c')", 'chart "c" from repo https://nowhere not found in referenced Freight'],
    ['artifactFrom()', 'expected 1-2 arguments'],
    ['artifactFrom(1)', 'first argument must be string'],
    ["artifactFrom('a', 'b')", 'second argument must be FreightOrigin'],
  ])('%s', (code, message) => {
    expect(() => run(code)).toThrow(message);
  });

  it('asks for an origin when two requested Warehouses could provide the artifact', () => {
    const twin = { ...fakeWarehouse, metadata: { name: 'twin' } };
    const data = {
      warehouses: [fakeWarehouse, twin],
      freightRequests: [
        { origin: { kind: 'Warehouse', name: 'fake-warehouse' }, sources: {} },
        { origin: { kind: 'Warehouse', name: 'twin' }, sources: {} },
      ],
    };
    expect(() => run("imageFrom('fake-image-repo')", data)).toThrow(
      'multiple requested Freight could potentially provide a container image from repository fake-image-repo: please provide a Freight origin to disambiguate',
    );
    expect(() => run("commitFrom('https://fake-git-repo')", data)).toThrow(
      'multiple requested Freight could potentially provide a commit from repo https://fake-git-repo; please update promotion steps to disambiguate',
    );
    expect(run("imageFrom('fake-image-repo', warehouse('fake-warehouse')).Tag", data)).toBe('fake-image-tag');
  });

  it('names a requested Warehouse that is missing', () => {
    expect(() => run("imageFrom('x')", { warehouses: [] })).toThrow('Warehouse "fake-warehouse" not found in namespace "fake-project"');
  });
});

describe('configMap, secret, sharedConfigMap, sharedSecret (TestConfigMap, TestSecret)', () => {
  const secret = (name: string, labels?: Record<string, string>) => ({
    metadata: { name, ...(labels ? { labels } : {}) },
    data: { foo: Buffer.from('bar').toString('base64') },
  });
  const data: Partial<KargoExpressionData> = {
    configMaps: [{ metadata: { name: 'fake-name' }, data: { foo: 'bar' } }],
    secrets: [secret('fake-secret')],
    sharedConfigMaps: [{ metadata: { name: 'shared' }, data: { a: 'b' } }],
    sharedSecrets: [secret('generic', { 'kargo.akuity.io/cred-type': 'generic' }), secret('git', { 'kargo.akuity.io/cred-type': 'git' })],
  };
  it.each([
    ["configMap('fake-name')", { foo: 'bar' }],
    ["configMap('fake-name').foo", 'bar'],
    ["configMap('missing')", {}],
    ["secret('fake-secret')", { foo: 'bar' }],
    ["secret('missing')", {}],
    ["sharedConfigMap('shared').a", 'b'],
    ["sharedSecret('generic')", { foo: 'bar' }],
    ["sharedSecret('git')", {}],
  ])('%s', (code, want) => {
    expect(run(code, data)).toEqual(want);
  });
  it.each([
    ['configMap()', 'expected 1 argument'],
    ["configMap('a', 'b')", 'expected 1 argument'],
    ['configMap(1)', 'argument must be string'],
    ['secret()', 'expected 1 argument'],
    ['secret(1)', 'argument must be string'],
  ])('%s', (code, message) => {
    expect(() => run(code, data)).toThrow(message);
  });
});

describe('freightMetadata, stageMetadata (TestFreightMetadata, TestStageMetadata)', () => {
  const metadata = { 'deployment-config': { 'deployment-id': 'abc123', environment: 'staging' }, 'build-number': 42, issue: '#1234' };
  const data: Partial<KargoExpressionData> = {
    freightObjects: [{ metadata: { name: 'fake-freight' }, status: { metadata } }, { metadata: { name: 'bare' } }],
    stages: [{ metadata: { name: 'fake-stage' }, spec: {}, status: { metadata: { 'deployment-config': metadata['deployment-config'] } } }],
  };
  it.each([
    ["freightMetadata('fake-freight')", metadata],
    ["freightMetadata('fake-freight')['build-number']", 42],
    ["freightMetadata('missing')", null],
    ["freightMetadata('bare')", null],
    ["stageMetadata('fake-stage')['deployment-config'].environment", 'staging'],
    ["stageMetadata('missing')", null],
  ])('%s', (code, want) => {
    expect(run(code, data)).toEqual(want);
  });
  it.each([
    ['freightMetadata()', 'expected 1 argument'],
    ["freightMetadata('a', 'b')", 'expected 1 argument'],
    ['freightMetadata(123)', 'argument must be string'],
    ["freightMetadata('')", 'freight ref name must not be empty'],
    ['stageMetadata()', 'expected 1 argument'],
    ['stageMetadata(123)', 'argument must be string'],
    ["stageMetadata('')", 'stage name must not be empty'],
  ])('%s', (code, message) => {
    expect(() => run(code, data)).toThrow(message);
  });
});

describe('status (TestStatus) and success/failure/always', () => {
  const metas = (entries: [string, string][]) => entries.map(([alias, status]) => ({ alias, status: status as 'Succeeded' }));
  it.each([
    ['basic usage; no hit', 'step-2', metas([['step-1', 'Succeeded']]), 'non-existent-step', ''],
    ['basic usage; hit', 'step-2', metas([['step-1', 'Succeeded']]), 'step-1', 'Succeeded'],
    [
      'used in a task; no alias match',
      'task-2::step-2',
      metas([
        ['step-1', 'Succeeded'],
        ['task-1::step-2', 'Succeeded'],
      ]),
      'step-1',
      '',
    ],
    [
      'used in a task; no namespace match',
      'task-2::step-2',
      metas([
        ['step-1', 'Succeeded'],
        ['task-1::step-2', 'Succeeded'],
      ]),
      'step-1',
      '',
    ],
    ['used in a task; hit', 'task-2::step-2', metas([['task-2::step-1', 'Succeeded']]), 'step-1', 'Succeeded'],
  ])('%s', (_name, stepAlias, stepExecutionMetadata, alias, want) => {
    expect(run(`status(${JSON.stringify(alias)})`, { stepAlias, stepExecutionMetadata })).toBe(want);
  });
  it.each([
    ['status()', 'expected 1 argument'],
    ["status('one', 'two')", 'expected 1 argument'],
    ["status('')", 'must not be empty'],
  ])('%s', (code, message) => {
    expect(() => run(code, { stepExecutionMetadata: [] })).toThrow(message);
  });
  it('failure() sees Failed and Errored steps, except those that continue on error', () => {
    const failed = [{ alias: 'a', status: 'Errored' as const }];
    const tolerated = [{ alias: 'a', status: 'Failed' as const, continueOnError: true }];
    expect(run('[failure(), success(), always()]', { stepExecutionMetadata: failed })).toEqual([true, false, true]);
    expect(run('[failure(), success()]', { stepExecutionMetadata: tolerated })).toEqual([false, true]);
    expect(run('stepMetas.a.Status', { stepExecutionMetadata: failed })).toBe('Errored');
  });
  it('status functions exist only where Kargo allows them (no stepExecutionMetadata, no functions)', () => {
    expect(() => run('success()')).toThrow('invalid operation: cannot call nil');
  });
});

describe('semverDiff, semverParse (TestSemverDiff, TestSemverParse)', () => {
  it.each([
    ['major version difference', '1.1.1', '2.2.2', 'Major'],
    ['minor version difference', '1.1.1', '1.2.2', 'Minor'],
    ['patch version difference', '1.1.1', '1.1.2', 'Patch'],
    ['metadata difference', '1.1.1+build1', '1.1.1+build2', 'Metadata'],
    ['no difference', '1.2.3', '1.2.3', 'None'],
    ['invalid first version', 'invalid', '1.0.0', 'Incomparable'],
    ['invalid second version', '1.0.0', 'invalid', 'Incomparable'],
    ['both versions invalid', 'invalid1', 'invalid2', 'Incomparable'],
    ['semver with prerelease', '1.0.0-alpha', '1.0.0-beta', 'None'],
    ['complex semver with metadata and prerelease', '1.0.0-alpha.1+build.1', '1.0.0-alpha.1+build.2', 'Metadata'],
    ['major difference with prerelease', '1.0.0-alpha', '2.0.0-alpha', 'Major'],
    ['minor difference with prerelease', '1.1.0-alpha', '1.2.0-alpha', 'Minor'],
    ['patch difference with prerelease', '1.1.1-alpha', '1.1.2-alpha', 'Patch'],
    ['empty version strings', '', '', 'Incomparable'],
    ['loose semver format', 'v1.0.0', 'v2.0.0', 'Major'],
  ])('%s', (_name, a, b, want) => {
    expect(run(`semverDiff(${JSON.stringify(a)}, ${JSON.stringify(b)})`)).toBe(want);
  });
  it.each([
    ['semverDiff()', 'expected 2 arguments'],
    ["semverDiff('1.0.0')", 'expected 2 arguments'],
    ["semverDiff('1.0.0', '2.0.0', '3.0.0')", 'expected 2 arguments'],
    ["semverDiff(123, '1.0.0')", 'first argument must be string'],
    ["semverDiff('1.0.0', 123)", 'second argument must be string'],
    ['semverParse()', 'expected 1 argument'],
    ["semverParse('1.0.0', '2.0.0')", 'expected 1 argument'],
    ['semverParse(123)', 'argument must be string'],
    ["semverParse('invalid')", 'invalid semantic version'],
  ])('%s', (code, message) => {
    expect(() => run(code)).toThrow(message);
  });
  it.each([
    ["semverParse('1.2.3').Major()", 1],
    ["semverParse('v1.2.3-rc.1+b5').Prerelease()", 'rc.1'],
    ["semverParse('v1.2.3-rc.1+b5').Metadata()", 'b5'],
    ["semverParse('v1.2.3').Original()", 'v1.2.3'],
    ["semverParse('1.2').String()", '1.2.0'],
    ["semverParse('1.2.3').IncPatch().String()", '1.2.4'],
    ["semverParse('1.2.3-rc.1').IncPatch().String()", '1.2.3'],
    ["semverParse('1.2.3').IncMinor().String()", '1.3.0'],
    ["semverParse('1.2.3').IncMajor().String()", '2.0.0'],
    ["semverParse('1.2.3').LessThan(semverParse('1.10.0'))", true],
    ["semverParse('1.0.0-alpha').LessThan(semverParse('1.0.0'))", true],
    ["string(semverParse('v1.2.3'))", '1.2.3'],
  ])('%s', (code, want) => {
    expect(run(code)).toBe(want);
  });
});

describe("Go's typed maps", () => {
  it("reads a missing key of configMap()/secret()/an image's Annotations as '' (map[string]string), not nil", () => {
    const data = { configMaps: [{ metadata: { name: 'cfg' }, data: { a: 'b' } }] };
    expect(run("configMap('cfg').missing", data)).toBe('');
    expect(run("configMap('absent').key", data)).toBe('');
    expect(run("secret('absent').token", data)).toBe('');
    expect(run("imageFrom('fake-image-repo').Annotations['org.opencontainers.image.source']")).toBe('');
    expect(run("freightMetadata('fake-freight')", { freightObjects: [{ metadata: { name: 'fake-freight' }, status: { metadata: {} } }] })).toEqual({});
    expect(run("len(configMap('cfg'))", data)).toBe(1);
  });
});
