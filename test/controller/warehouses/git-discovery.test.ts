// Git discovery on real repositories (file:// bare repos, the system git):
// each commit selection strategy, tag and path filters, the discovery limit,
// and the ls-remote short-circuit.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverCommits } from '../../../src/controller/warehouses/git-discovery.js';
import { readSubscriptions } from '../../../src/controller/warehouses/subscriptions.js';
import type { GitSubscription } from '../../../src/controller/warehouses/types.js';
import { type GitFixture, gitFixture } from './support.js';

let repo: GitFixture;
let workDir: string;
const ids: Record<string, string> = {};

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'kargo-wh-work-'));
  repo = gitFixture();
  ids.first = repo.commit({ 'app/a.txt': '1' }, 'first', '2026-01-01T10:00:00Z');
  repo.tag('v1.0.0', '2026-01-01T10:00:00Z');
  ids.docs = repo.commit({ 'docs/readme.md': 'hello' }, 'docs only', '2026-01-02T10:00:00Z');
  repo.tag('v1.1.0', '2026-01-02T10:00:00Z', true);
  ids.second = repo.commit({ 'app/a.txt': '2' }, 'second app change', '2026-01-03T10:00:00Z');
  repo.tag('v2.0.0-rc.1', '2026-01-03T10:00:00Z');
  repo.tag('v1.2', '2026-01-03T11:00:00Z');
  ids.third = repo.commit({ 'app/b.txt': '3', 'docs/x.md': 'y' }, 'third', '2026-01-04T10:00:00Z');
  repo.tag('zeta', '2026-01-04T10:00:00Z');
  repo.tag('v1.1.5', '2026-01-04T11:00:00Z', true);
  repo.branch('release');
  ids.release = repo.commit({ 'app/c.txt': 'r' }, 'on release', '2026-01-05T10:00:00Z');
}, 60_000);

afterAll(() => {
  repo.close();
  rmSync(workDir, { recursive: true, force: true });
});

const discover = (sub: Partial<GitSubscription>, last?: Parameters<typeof discoverCommits>[1]) => {
  const [parsed] = readSubscriptions([{ git: { repoURL: repo.url, ...sub } }]);
  if (!parsed || !('git' in parsed)) throw new Error('not a git subscription');
  return discoverCommits(parsed.git, last, { baseDir: workDir });
};

describe('git discovery', () => {
  it('NewestFromBranch (default): the default branch, newest first, shaped as Kargo records it', async () => {
    const result = await discover({});
    expect(result.repoURL).toBe(repo.url);
    expect(result.commits.map((c) => c.id)).toEqual([ids.third, ids.second, ids.docs, ids.first]);
    expect(result.commits[0]).toEqual({
      id: ids.third,
      subject: 'third',
      author: 'Ada <ada@example.com>',
      committer: 'Bob <bob@example.com>',
      creatorDate: '2026-01-04T10:00:00Z',
    });
    expect(result.observedRefs).toEqual({ branchHead: ids.third });
  }, 60_000);

  it('NewestFromBranch on a named branch records the branch; discoveryLimit caps the list', async () => {
    const result = await discover({ branch: 'release', discoveryLimit: 2 });
    expect(result.commits.map((c) => [c.id, c.branch])).toEqual([
      [ids.release, 'release'],
      [ids.third, 'release'],
    ]);
  }, 60_000);

  it('includePaths / excludePaths keep only commits touching included, non-excluded paths', async () => {
    const app = await discover({ includePaths: ['app'] });
    expect(app.commits.map((c) => c.id)).toEqual([ids.third, ids.second, ids.first]);
    const notDocs = await discover({ excludePaths: ['glob:docs/**'] });
    expect(notDocs.commits.map((c) => c.id)).toEqual([ids.third, ids.second, ids.first]);
    const onlyDocsExcludedB = await discover({ includePaths: ['regex:^docs/'], excludePaths: ['docs/x.md'] });
    expect(onlyDocsExcludedB.commits.map((c) => c.id)).toEqual([ids.docs]);
  }, 60_000);

  it('SemVer: strict semver tags by precedence, with a constraint; pre-releases only when asked', async () => {
    const all = await discover({ commitSelectionStrategy: 'SemVer' });
    expect(all.commits.map((c) => c.tag)).toEqual(['v2.0.0-rc.1', 'v1.1.5', 'v1.1.0', 'v1.0.0']);
    expect(all.commits.find((c) => c.tag === 'v1.1.0')).toMatchObject({ id: ids.docs, subject: 'docs only', author: 'Ada <ada@example.com>' });
    const constrained = await discover({ commitSelectionStrategy: 'SemVer', semverConstraint: '^1.0.0' });
    expect(constrained.commits.map((c) => c.tag)).toEqual(['v1.1.5', 'v1.1.0', 'v1.0.0']);
    const loose = await discover({ commitSelectionStrategy: 'SemVer', strictSemvers: false, semverConstraint: '~1.2' });
    expect(loose.commits.map((c) => c.tag)).toEqual(['v1.2']);
    expect(all.observedRefs?.tags?.map((t) => t.name)).toEqual(['v1.0.0', 'v1.1.0', 'v1.1.5', 'v2.0.0-rc.1']);
  }, 60_000);

  it('SemVer with ignore/allow regexes and include paths', async () => {
    const result = await discover({ commitSelectionStrategy: 'SemVer', ignoreTagsRegexes: ['rc'], includePaths: ['app'] });
    expect(result.commits.map((c) => c.tag)).toEqual(['v1.1.5', 'v1.0.0']);
    const allowed = await discover({ commitSelectionStrategy: 'SemVer', allowTagsRegexes: ['^v1\\.1\\.'] });
    expect(allowed.commits.map((c) => c.tag)).toEqual(['v1.1.5', 'v1.1.0']);
  }, 60_000);

  it('Lexical: tags in reverse lexical order', async () => {
    const result = await discover({ commitSelectionStrategy: 'Lexical', discoveryLimit: 3 });
    expect(result.commits.map((c) => c.tag)).toEqual(['zeta', 'v2.0.0-rc.1', 'v1.2']);
  }, 60_000);

  it('NewestTag: tags by creator date (an annotated tag is dated by its tagger, a lightweight one by its commit), newest first', async () => {
    const result = await discover({ commitSelectionStrategy: 'NewestTag' });
    expect(result.commits.map((c) => c.tag)).toEqual(['v1.1.5', 'zeta', 'v1.2', 'v2.0.0-rc.1', 'v1.1.0', 'v1.0.0']);
    expect(result.commits[0]).toMatchObject({ id: ids.third, creatorDate: '2026-01-04T11:00:00Z' });
  }, 60_000);

  it('deprecated allowTags / ignoreTags fail as in Kargo v1.11', async () => {
    await expect(discover({ commitSelectionStrategy: 'Lexical', ignoreTags: ['zeta'] })).rejects.toThrow(
      'IgnoreTags is deprecated and unsupported as of v1.11.0',
    );
  });

  it('reuses the previous commits when the observed refs have not moved, and looks again when they have', async () => {
    const previous = await discover({});
    const planted = { ...previous, commits: [{ id: 'from-last-time' }] };
    expect((await discover({}, planted)).commits).toEqual([{ id: 'from-last-time' }]);
    const moved = { ...planted, observedRefs: { branchHead: ids.second } };
    expect((await discover({}, moved)).commits[0]?.id).toBe(ids.third);
  }, 60_000);

  it('an unreachable repository is an error naming it', async () => {
    const [parsed] = readSubscriptions([{ git: { repoURL: 'file:///nonexistent/repo.git' } }]);
    if (!parsed || !('git' in parsed)) throw new Error('not git');
    await expect(discoverCommits(parsed.git, undefined, { baseDir: workDir })).rejects.toThrow(
      /error discovering commits from git repo "file:\/\/\/nonexistent\/repo.git": error cloning/,
    );
  });
});
