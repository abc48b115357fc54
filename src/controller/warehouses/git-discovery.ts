// Kargo's git subscriber (pkg/subscription/git.go): credentials, one
// `ls-remote` to observe the refs the strategy cares about, and when they are
// exactly what the previous discovery saw, its commits again without a clone.

import type { GitCredentials } from '../../engine/git/session.js';
import { cloneForDiscovery, lsRemote } from './git-client.js';
import { commitSelector } from './commit-selection.js';
import type { GitDiscoveryRefs, GitDiscoveryResult, GitSubscription } from './types.js';

/** Above this many matching tags the observation is not recorded (Kargo's maxObservedTags). */
const MAX_OBSERVED_TAGS = 1000;

export interface GitDiscoveryContext {
  baseDir: string;
  credentials?: GitCredentials;
  signal?: AbortSignal;
}

async function observeRefs(
  sub: GitSubscription,
  patterns: string[],
  matchesTag: (tag: string) => boolean,
  context: GitDiscoveryContext,
): Promise<GitDiscoveryRefs | undefined> {
  const refs = await lsRemote(sub.repoURL, patterns, clientOptions(sub, context));
  if (patterns[0] !== 'refs/tags/*') {
    const head = refs.find((ref) => ref.name === patterns[0]);
    return head ? { branchHead: head.id } : undefined;
  }
  const tags = refs
    .map((ref) => ({ name: ref.name.replace(/^refs\/tags\//, ''), id: ref.id }))
    .filter((ref) => matchesTag(ref.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return tags.length > MAX_OBSERVED_TAGS ? undefined : { tags };
}

function clientOptions(sub: GitSubscription, context: GitDiscoveryContext) {
  return {
    baseDir: context.baseDir,
    ...(context.credentials ? { credentials: context.credentials } : {}),
    ...(sub.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  };
}

function sameRefs(a: GitDiscoveryRefs | undefined, b: GitDiscoveryRefs | undefined): boolean {
  if (!a || !b) return false;
  const left = a.tags ?? [];
  const right = b.tags ?? [];
  return (
    (a.branchHead ?? '') === (b.branchHead ?? '') &&
    left.length === right.length &&
    left.every((tag, i) => tag.name === right[i]?.name && tag.id === right[i]?.id)
  );
}

export async function discoverCommits(sub: GitSubscription, last: GitDiscoveryResult | undefined, context: GitDiscoveryContext): Promise<GitDiscoveryResult> {
  let selector: ReturnType<typeof commitSelector>;
  try {
    selector = commitSelector(sub);
  } catch (error) {
    throw new Error(`error obtaining selector for commits from git repo "${sub.repoURL}": ${error instanceof Error ? error.message : String(error)}`);
  }
  // An ls-remote failure is not fatal: the clone below reports a real connectivity problem.
  const observedRefs = await observeRefs(sub, selector.lsRemotePatterns, selector.matchesTag, context).catch(() => undefined);
  if (last && last.repoURL === sub.repoURL && sameRefs(last.observedRefs, observedRefs)) {
    return { repoURL: sub.repoURL, commits: last.commits, ...(observedRefs ? { observedRefs } : {}) };
  }
  try {
    const clone = await cloneForDiscovery(sub.repoURL, selector.lsRemotePatterns[0] === 'refs/tags/*' ? '' : (sub.branch ?? ''), clientOptions(sub, context));
    try {
      const commits = await selector.select(clone);
      return { repoURL: sub.repoURL, commits, ...(observedRefs ? { observedRefs } : {}) };
    } finally {
      await clone.close();
    }
  } catch (error) {
    throw new Error(`error discovering commits from git repo "${sub.repoURL}": ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
