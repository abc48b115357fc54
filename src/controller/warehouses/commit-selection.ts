// Kargo's commit selectors (pkg/controller/git/commit): NewestFromBranch walks
// the branch's first-parent history in growing batches; SemVer, Lexical and
// NewestTag list tags, filter them by name (allow/ignore regexes, semver and
// its constraint), by expression, order them, then keep those whose commit
// touched an included path, up to the discovery limit.

import { evaluateExpression } from '../../engine/expressions/index.js';
import type { DiscoveryClone } from './git-client.js';
import { type CommitMetadata, diffPaths, listCommits, listTags, type TagMetadata } from './git-history.js';
import { type Matcher, pathMatcher, pathsMatch, tagMatcher } from './name-filters.js';
import { newestFirst, parseVersion, versionConstraint } from './semver.js';
import type { DiscoveredCommit, GitSubscription } from './types.js';

export interface CommitSelector {
  /** The strategy's ref patterns for `ls-remote`. */
  lsRemotePatterns: string[];
  /** Whether a tag name passes the name filters (tag strategies only). */
  matchesTag(tag: string): boolean;
  select(clone: DiscoveryClone): Promise<DiscoveredCommit[]>;
}

const shorten = (text: string, length: number): string => (text.length > length ? `${text.slice(0, length - 3)}...` : text);

function truthy(result: unknown): boolean {
  if (typeof result === 'boolean') return result;
  const text = String(result);
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  throw new Error(`strconv.ParseBool: parsing "${text}": invalid syntax`);
}

function expressionFilter(source: string | undefined): ((env: Record<string, unknown>) => boolean) | undefined {
  if (!source) return undefined;
  return (env) => truthy(evaluateExpression(source, env));
}

export function commitSelector(sub: GitSubscription): CommitSelector {
  const include = pathMatcher(sub.includePaths, 'include');
  const exclude = pathMatcher(sub.excludePaths, 'exclude');
  const filter = expressionFilter(sub.expressionFilter);
  const limit = sub.discoveryLimit ?? 20;
  const strategy = sub.commitSelectionStrategy || 'NewestFromBranch';
  if (strategy === 'NewestFromBranch') return branchSelector(sub, limit, include, exclude, filter);
  if (sub.allowTags) throw new Error('AllowTags is deprecated and unsupported as of v1.11.0; use AllowTagsRegexes instead');
  if (sub.ignoreTags && sub.ignoreTags.length > 0) throw new Error('IgnoreTags is deprecated and unsupported as of v1.11.0; use IgnoreTagsRegexes instead');
  const byName = tagMatcher(sub.allowTagsRegexes, sub.ignoreTagsRegexes);
  const strict = sub.strictSemvers ?? true;
  const constraint = strategy === 'SemVer' ? versionConstraint(sub.semverConstraint) : undefined;
  const matchesTag =
    strategy === 'SemVer'
      ? (tag: string) => {
          if (!byName(tag)) return false;
          const version = parseVersion(tag, strict);
          return version !== undefined && (!constraint || constraint(version));
        }
      : byName;
  const order = (tags: TagMetadata[]): TagMetadata[] => {
    if (strategy === 'Lexical') return [...tags].sort((a, b) => (a.tag < b.tag ? 1 : a.tag > b.tag ? -1 : 0));
    if (strategy === 'SemVer') {
      return tags
        .map((tag) => ({ tag, version: parseVersion(tag.tag, strict) }))
        .filter((entry) => entry.version !== undefined)
        .sort((a, b) => newestFirst(a.version!, b.version!))
        .map((entry) => entry.tag);
    }
    return tags; // NewestTag: git already sorted by creator date, newest first
  };
  return {
    lsRemotePatterns: ['refs/tags/*'],
    matchesTag,
    async select(clone) {
      let tags = (await listTags(clone)).filter((tag) => matchesTag(tag.tag));
      if (filter) {
        tags = tags.filter((tag) =>
          filter({
            tag: tag.tag,
            id: tag.commitID,
            creatorDate: tag.creatorDate,
            author: tag.author,
            committer: tag.committer,
            subject: tag.subject,
            tagger: tag.tagger,
            annotation: tag.annotation,
          }),
        );
      }
      tags = order(tags);
      if (include || exclude) {
        const kept: TagMetadata[] = [];
        for (const tag of tags) {
          if (pathsMatch(await diffPaths(clone, tag.commitID), include, exclude)) kept.push(tag);
          if (kept.length >= limit) break;
        }
        tags = kept;
      }
      return tags.slice(0, limit).map((tag) => ({
        id: tag.commitID,
        tag: tag.tag,
        subject: shorten(tag.subject, 80),
        author: tag.author,
        committer: tag.committer,
        creatorDate: tag.creatorDate.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      }));
    },
  };
}

function branchSelector(
  sub: GitSubscription,
  limit: number,
  include: Matcher | undefined,
  exclude: Matcher | undefined,
  filter: ((env: Record<string, unknown>) => boolean) | undefined,
): CommitSelector {
  const branch = sub.branch ?? '';
  const since = sub.since ? new Date(sub.since) : undefined;
  const toAPI = (commit: CommitMetadata): DiscoveredCommit => ({
    id: commit.id,
    ...(branch ? { branch } : {}),
    subject: shorten(commit.subject, 80),
    author: commit.author,
    committer: commit.committer,
    creatorDate: commit.commitDate.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
  return {
    lsRemotePatterns: [branch ? `refs/heads/${branch}` : 'HEAD'],
    matchesTag: () => false,
    async select(clone) {
      const selected: CommitMetadata[] = [];
      for (let skip = 0, batch = limit; ; skip += batch, batch = Math.min(batch * 2, 1000)) {
        const commits = await listCommits(clone, { limit: batch, skip, ...(since ? { since } : {}) });
        if (commits.length === 0) break;
        if (!include && !exclude && !filter) return commits.slice(0, limit).map(toAPI);
        for (const commit of commits) {
          const env = { id: commit.id, commitDate: commit.commitDate, author: commit.author, committer: commit.committer, subject: commit.subject };
          if (filter && !filter(env)) continue;
          if ((include || exclude) && !pathsMatch(await diffPaths(clone, commit.id), include, exclude)) continue;
          selected.push(commit);
          if (selected.length >= limit) return selected.map(toAPI);
        }
      }
      return selected.map(toAPI);
    },
  };
}
