// Image and chart discovery over real HTTP: the sandbox registry behind
// credentials (each image selection strategy, tag regexes, the discovery
// limit, creation times and annotations, a refused login) and a local Helm
// repository index.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverChartVersions } from '../../../src/controller/warehouses/chart-discovery.js';
import { discoverImages } from '../../../src/controller/warehouses/image-discovery.js';
import { readSubscriptions } from '../../../src/controller/warehouses/subscriptions.js';
import type { ImageSubscription } from '../../../src/controller/warehouses/types.js';
import { startRegistry } from '../../../src/sandbox/registry/index.js';
import { type ChartRepoFixture, chartRepoFixture, REGISTRY_USER, type RegistryFixture, registryFixture } from './support.js';

let registry: RegistryFixture;
let charts: ChartRepoFixture;
const digests: Record<string, string> = {};

beforeAll(async () => {
  registry = await registryFixture();
  const images: [string, string][] = [
    ['1.0.0', '2026-01-01T00:00:00Z'],
    ['1.2.0', '2026-01-03T00:00:00Z'],
    ['1.10.0', '2026-01-02T00:00:00Z'],
    ['2.0.0-beta.1', '2026-01-06T00:00:00Z'],
    ['v1.3', '2026-01-04T00:00:00Z'],
    ['latest', '2026-01-05T00:00:00Z'],
    ['sha-abc', '2026-01-07T00:00:00Z'],
  ];
  for (const [tag, created] of images) digests[tag] = await registry.publish('shop/api', tag, created);
  digests.annotated = await registry.publish('shop/web', '3.0.0', '2026-02-01T00:00:00Z', {
    'org.opencontainers.image.created': '2026-02-02T02:02:02Z',
    'org.opencontainers.image.source': 'https://example.com/web',
  });
  charts = await chartRepoFixture();
  charts.setVersions('guestbook', ['0.1.0', '0.2.0', '1.0.0', '1.1.0-rc.1', 'not-a-version', '0.10.0']);
});

afterAll(async () => {
  await registry.close();
  await charts.close();
});

const image = (sub: Partial<ImageSubscription>, repository = 'shop/api') => {
  const [parsed] = readSubscriptions([{ image: { repoURL: `${registry.registry.host}/${repository}`, ...sub } }]);
  if (!parsed || !('image' in parsed)) throw new Error('not an image subscription');
  return discoverImages(parsed.image, REGISTRY_USER);
};
const tags = async (sub: Partial<ImageSubscription>) => (await image(sub)).references.map((r) => r.tag);

describe('image discovery', () => {
  it('SemVer (default): strict semver tags by precedence, each with digest and creation time', async () => {
    const result = await image({});
    expect(result.repoURL).toBe(`${registry.registry.host}/shop/api`);
    expect(result.references.map((r) => r.tag)).toEqual(['2.0.0-beta.1', '1.10.0', '1.2.0', '1.0.0']);
    expect(result.references[1]).toEqual({ tag: '1.10.0', digest: digests['1.10.0'], createdAt: '2026-01-02T00:00:00Z' });
  });

  it('SemVer with a constraint, loose semvers, and tag regexes', async () => {
    expect(await tags({ constraint: '^1.0.0' })).toEqual(['1.10.0', '1.2.0', '1.0.0']);
    expect(await tags({ constraint: '>=2.0.0-0' })).toEqual(['2.0.0-beta.1']);
    expect(await tags({ strictSemvers: false, constraint: '~1.3' })).toEqual(['v1.3']);
    expect(await tags({ ignoreTagsRegexes: ['beta', '^1\\.1'] })).toEqual(['1.2.0', '1.0.0']);
    expect(await tags({ allowTagsRegexes: ['^1\\.[02]\\.'] })).toEqual(['1.2.0', '1.0.0']);
  });

  it('Lexical: reverse lexical order, limited by discoveryLimit', async () => {
    expect(await tags({ imageSelectionStrategy: 'Lexical', discoveryLimit: 3 })).toEqual(['v1.3', 'sha-abc', 'latest']);
    expect(await tags({ imageSelectionStrategy: 'Lexical', allowTagsRegexes: ['^1\\.'] })).toEqual(['1.2.0', '1.10.0', '1.0.0']);
  });

  it('NewestBuild: by creation time, newest first', async () => {
    expect(await tags({ imageSelectionStrategy: 'NewestBuild', discoveryLimit: 4 })).toEqual(['sha-abc', '2.0.0-beta.1', 'latest', 'v1.3']);
    expect(await tags({ imageSelectionStrategy: 'NewestBuild', ignoreTagsRegexes: ['^sha-', 'beta'], discoveryLimit: 1 })).toEqual(['latest']);
  });

  it('Digest: the digest the mutable tag points at now; none when the tag is missing', async () => {
    expect((await image({ imageSelectionStrategy: 'Digest', constraint: 'latest' })).references).toEqual([
      { tag: 'latest', digest: digests.latest, createdAt: '2026-01-05T00:00:00Z' },
    ]);
    const moved = await registry.publish('shop/api', 'latest', '2026-03-01T00:00:00Z');
    expect((await image({ imageSelectionStrategy: 'Digest', constraint: 'latest' })).references[0]?.digest).toBe(moved);
    expect((await image({ imageSelectionStrategy: 'Digest', constraint: 'nope' })).references).toEqual([]);
  });

  it("reads the manifest's annotations, and its created annotation before the config's date", async () => {
    expect((await image({}, 'shop/web')).references).toEqual([
      {
        tag: '3.0.0',
        digest: digests.annotated,
        createdAt: '2026-02-02T02:02:02Z',
        annotations: { 'org.opencontainers.image.created': '2026-02-02T02:02:02Z', 'org.opencontainers.image.source': 'https://example.com/web' },
      },
    ]);
  });

  it('wrong or missing credentials fail with the registry answer', async () => {
    const [parsed] = readSubscriptions([{ image: { repoURL: `${registry.registry.host}/shop/api` } }]);
    if (!parsed || !('image' in parsed)) throw new Error('not image');
    await expect(discoverImages(parsed.image, undefined)).rejects.toThrow(
      /error discovering newest applicable images .*unexpected status code 401: UNAUTHORIZED/,
    );
    await expect(discoverImages(parsed.image, { username: 'robot', password: 'wrong' })).rejects.toThrow(/401/);
  });

  it('answers a Bearer challenge by fetching a token from the realm with the credentials', async () => {
    const bearer = await startRegistry({ store: registry.store, credentials: REGISTRY_USER, challenge: 'bearer' });
    try {
      const [parsed] = readSubscriptions([{ image: { repoURL: `${bearer.host}/shop/api`, constraint: '~1.2' } }]);
      if (!parsed || !('image' in parsed)) throw new Error('not image');
      expect((await discoverImages(parsed.image, REGISTRY_USER)).references.map((r) => r.tag)).toEqual(['1.2.0']);
      await expect(discoverImages(parsed.image, { username: 'robot', password: 'wrong' })).rejects.toThrow(/\/token: unexpected status code 401/);
    } finally {
      await bearer.close();
    }
  });

  it('deprecated allowTags fails as in Kargo v1.11', async () => {
    await expect(image({ allowTags: '^1' })).rejects.toThrow('AllowTags is deprecated and unsupported as of v1.11.0; use AllowTagsRegexes instead');
  });
});

describe('chart discovery', () => {
  it("reads the repository index: the chart's semver versions, newest first, within the constraint and limit", async () => {
    const all = await discoverChartVersions({ repoURL: charts.url, name: 'guestbook', discoveryLimit: 20 }, undefined);
    expect(all).toEqual({ repoURL: charts.url, name: 'guestbook', versions: ['1.1.0-rc.1', '1.0.0', '0.10.0', '0.2.0', '0.1.0'] });
    const constrained = await discoverChartVersions({ repoURL: `${charts.url}/`, name: 'guestbook', semverConstraint: '<1.0.0', discoveryLimit: 2 }, undefined);
    expect(constrained.versions).toEqual(['0.10.0', '0.2.0']);
    expect(constrained.semverConstraint).toBe('<1.0.0');
  });

  it('an unknown chart has no versions; a missing index is an error', async () => {
    expect((await discoverChartVersions({ repoURL: charts.url, name: 'other' }, undefined)).versions).toEqual([]);
    await expect(discoverChartVersions({ repoURL: `${charts.url}/nope`, name: 'guestbook' }, undefined)).rejects.toThrow(
      /received unexpected HTTP 404 when querying repository index at ".*\/nope\/index.yaml"/,
    );
  });
});
