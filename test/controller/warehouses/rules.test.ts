// The Warehouse controller's pure parts against Kargo's own answers: the
// Freight ID (the expected hash computed with Kargo's GenerateFreightID and
// NormalizeGit in Go), aliases, subscription defaults, path selectors,
// artifact validation, when discovery is due, image URL parsing.

import { describe, expect, it } from 'vitest';
import { randomAlias } from '../../../src/controller/warehouses/alias.js';
import { buildFreight } from '../../../src/controller/warehouses/build-freight.js';
import { criteriaSatisfied } from '../../../src/controller/warehouses/criteria.js';
import { freightID } from '../../../src/controller/warehouses/freight-id.js';
import { normalizeImageURL, parseImageRepository } from '../../../src/controller/warehouses/image-reference.js';
import { pathMatcher, pathsMatch } from '../../../src/controller/warehouses/name-filters.js';
import { readSubscriptions } from '../../../src/controller/warehouses/subscriptions.js';
import { shouldDiscover } from '../../../src/controller/warehouses/sync-warehouse.js';
import type { DiscoveredArtifacts, WarehouseObject } from '../../../src/controller/warehouses/types.js';
import { validateArtifacts } from '../../../src/controller/warehouses/validate-artifacts.js';

describe('freightID', () => {
  it("matches Kargo's GenerateFreightID (computed in Go for the same Freight)", () => {
    const id = freightID({
      origin: { kind: 'Warehouse', name: 'wh' },
      commits: [
        { repoURL: 'file:///tmp/x.git', id: 'abc123' },
        { repoURL: 'https://github.com/a/b', tag: 'v1.0.0', id: 'def456' },
      ],
      images: [{ repoURL: '127.0.0.1:5000/app', tag: '1.2.3', digest: 'sha256:aaaa' }],
      charts: [{ repoURL: 'https://charts.example.com', name: 'mychart', version: '0.1.0' }],
    });
    expect(id).toBe('7d02d950702be11a8088d7e2b3fcd5ae8d31e5f9');
  });

  it('does not depend on artifact order, and buildFreight names the Freight by it with the origin set', () => {
    const artifacts: DiscoveredArtifacts = {
      discoveredAt: '2026-01-01T00:00:00Z',
      images: [{ repoURL: 'r/a', references: [{ tag: '2', digest: 'sha256:2' }] }],
      charts: [{ repoURL: 'https://c.example.com', name: 'x', versions: ['1.0.0', '0.9.0'] }],
    };
    const freight = buildFreight('ns', 'wh', artifacts);
    expect(freight.metadata.name).toBe(freightID({ origin: { kind: 'Warehouse', name: 'wh' }, charts: freight.charts, images: freight.images }));
    expect(freight.charts).toEqual([{ repoURL: 'https://c.example.com', name: 'x', version: '1.0.0' }]);
    expect(buildFreight('ns', 'other', artifacts).metadata.name).not.toBe(freight.metadata.name);
  });
});

describe('aliases', () => {
  it('are descriptor-animal pairs', () => {
    const values = [0, 0.5, 0.999];
    for (const value of values) expect(randomAlias(() => value)).toMatch(/^[a-z]+-[a-z]+$/);
    expect(randomAlias(() => 0)).toBe('agile-albatross');
  });
});

describe('subscriptions', () => {
  it("get Kargo's defaults", () => {
    expect(readSubscriptions([{ git: { repoURL: 'https://g/r' } }, { image: { repoURL: 'nginx' } }, { chart: { repoURL: 'https://c', name: 'x' } }])).toEqual([
      { git: { repoURL: 'https://g/r', commitSelectionStrategy: 'NewestFromBranch', strictSemvers: true, discoveryLimit: 20 } },
      { image: { repoURL: 'nginx', imageSelectionStrategy: 'SemVer', strictSemvers: true, discoveryLimit: 20 } },
      { chart: { repoURL: 'https://c', name: 'x', discoveryLimit: 20 } },
    ]);
  });

  it('refuse more than one kind in one entry, and kinds no subscriber serves', () => {
    expect(() => readSubscriptions([{ git: {}, image: {} }])).toThrow(
      'subscription at index 0 must be an object with exactly one top-level field, but has 2 fields',
    );
    expect(() => readSubscriptions([{ s3: {} }])).toThrow(/no subscriber registered for subscription type "s3"/);
  });
});

describe('path selectors', () => {
  it.each([
    [['app'], undefined, ['app/a.txt'], true],
    [['app'], undefined, ['apps/a.txt'], false],
    [['app'], undefined, ['app/a..b'], false], // Kargo's base-dir test rejects any ".." in the relative path
    [['glob:**/*.yaml'], undefined, ['x/y/z.yaml'], true],
    [['regex:^docs/'], ['docs/x.md'], ['docs/x.md'], false],
    [undefined, ['docs'], ['docs/a', 'src/b'], true],
    [undefined, ['regexp:.*'], ['anything'], false],
  ])('include %j exclude %j paths %j → %s', (include, exclude, paths, expected) => {
    expect(pathsMatch(paths, pathMatcher(include, 'include'), pathMatcher(exclude, 'exclude'))).toBe(expected);
  });
});

describe('validateArtifacts', () => {
  it("says what is missing in Kargo's words", () => {
    expect(validateArtifacts({ discoveredAt: 'x' })?.message).toBe('No artifacts discovered');
    expect(validateArtifacts({ discoveredAt: 'x', git: [{ repoURL: 'https://g/r', commits: [] }] })).toEqual({
      healthyReason: 'NoCommitsDiscovered',
      readyReason: 'MissingCommits',
      message: 'No commits discovered for Git repository "https://g/r"',
    });
    expect(validateArtifacts({ discoveredAt: 'x', charts: [{ repoURL: 'https://c', name: 'x', versions: [] }] })?.message).toBe(
      'No versions discovered for chart "x" from repository "https://c"',
    );
    expect(validateArtifacts({ discoveredAt: 'x', images: [{ repoURL: 'a', references: [{ tag: '1', digest: 'd' }] }] })).toBeUndefined();
  });
});

describe('shouldDiscover', () => {
  const base = (status: WarehouseObject['status'], generation = 1, interval = 60_000): [WarehouseObject, number] => [
    { metadata: { name: 'w', generation }, spec: {}, status },
    interval,
  ];
  const now = new Date('2026-01-01T00:10:00Z');
  const discovered = { discoveredAt: '2026-01-01T00:09:30Z', images: [] };
  it.each([
    ['never discovered', base(undefined), '', true],
    ['spec changed', base({ discoveredArtifacts: discovered, observedGeneration: 1 }, 2), '', true],
    ['refresh requested', base({ discoveredArtifacts: discovered, observedGeneration: 1, lastHandledRefresh: 'a' }), 'b', true],
    ['interval passed', base({ discoveredArtifacts: discovered, observedGeneration: 1 }, 1, 10_000), '', true],
    ['nothing new', base({ discoveredArtifacts: discovered, observedGeneration: 1 }), '', false],
  ])('%s → %s', (_name, [warehouse, interval], token, expected) => {
    expect(shouldDiscover(warehouse, token, now, interval)).toBe(expected);
  });
});

describe('image repositories', () => {
  it.each([
    ['nginx', 'index.docker.io', 'library/nginx', 'https://registry-1.docker.io', 'nginx'],
    ['docker.io/bitnami/redis', 'index.docker.io', 'bitnami/redis', 'https://registry-1.docker.io', 'bitnami/redis'],
    ['ghcr.io/akuity/kargo', 'ghcr.io', 'akuity/kargo', 'https://ghcr.io', 'ghcr.io/akuity/kargo'],
    ['127.0.0.1:5000/shop/api', '127.0.0.1:5000', 'shop/api', 'http://127.0.0.1:5000', '127.0.0.1:5000/shop/api'],
    ['localhost:5000/app', 'localhost:5000', 'app', 'http://localhost:5000', 'localhost:5000/app'],
  ])('%s', (url, registry, repository, baseURL, normalized) => {
    expect(parseImageRepository(url)).toEqual({ registry, repository, baseURL });
    expect(normalizeImageURL(url)).toBe(normalized);
  });
});

describe('freightCreationCriteria', () => {
  const artifacts: DiscoveredArtifacts = {
    discoveredAt: 'x',
    images: [{ repoURL: 'ghcr.io/a/b', references: [{ tag: '1.2.0', digest: 'sha256:1' }] }],
    git: [{ repoURL: 'https://github.com/a/b.git', commits: [{ id: 'abc', tag: 'v1.2.0' }] }],
    charts: [{ repoURL: 'https://charts.example.com', name: 'c', versions: ['1.2.0'] }],
  };
  it.each([
    ['', true],
    ['imageFrom("ghcr.io/a/b").Tag == "1.2.0"', true],
    ['commitFrom("https://github.com/a/b").Tag == "v" + imageFrom("ghcr.io/a/b").Tag', true],
    ['chartFrom("https://charts.example.com", "c").Version == "1.2.0"', true],
    ['imageFrom("ghcr.io/other") == nil', true],
    ['"false"', false],
  ])('%s → %s', (expression, expected) => {
    expect(criteriaSatisfied(expression, artifacts)).toBe(expected);
  });

  it('a result that is not a boolean is an error', () => {
    expect(() => criteriaSatisfied('"maybe"', artifacts)).toThrow('failed to parse freight creation criteria expression result "maybe" as bool');
  });
});
