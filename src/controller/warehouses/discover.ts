// Kargo's discoverArtifacts: each subscription in order, its result appended
// to the list of its kind; the Nth Git subscription may reuse the Nth
// previous Git result (when the spec is unchanged). The first failure fails
// the whole discovery.

import { mkdir } from 'node:fs/promises';
import type { Clock } from '../../runtime/clock.js';
import { discoverChartVersions } from './chart-discovery.js';
import type { CredentialsLookup } from './credentials.js';
import { discoverCommits } from './git-discovery.js';
import { discoverImages } from './image-discovery.js';
import type { DiscoveredArtifacts, RepoSubscription } from './types.js';

export interface DiscoveryDeps {
  credentials: CredentialsLookup;
  clock: Clock;
  /** Where git's throwaway clones go. */
  workDir: string;
  signal?: AbortSignal;
}

function withWhat(error: unknown, what: string, repoURL: string): Error {
  return new Error(`error obtaining credentials for ${what} "${repoURL}": ${error instanceof Error ? error.message : String(error)}`);
}

export async function discoverArtifacts(
  project: string,
  subs: readonly RepoSubscription[],
  last: DiscoveredArtifacts | undefined,
  deps: DiscoveryDeps,
): Promise<DiscoveredArtifacts> {
  const found = { git: [], images: [], charts: [] } as Required<Pick<DiscoveredArtifacts, 'git' | 'images' | 'charts'>>;
  const signal = deps.signal;
  let gitIndex = 0;
  try {
    for (const sub of subs) {
      if ('git' in sub) {
        const previous = last?.git?.[gitIndex++];
        const credentials = await deps.credentials('git', project, sub.git.repoURL).catch((error: unknown) => {
          throw withWhat(error, 'git repo', sub.git.repoURL);
        });
        await mkdir(deps.workDir, { recursive: true });
        found.git.push(
          await discoverCommits(sub.git, previous, { baseDir: deps.workDir, ...(credentials ? { credentials } : {}), ...(signal ? { signal } : {}) }),
        );
      } else if ('image' in sub) {
        const credentials = await deps.credentials('image', project, sub.image.repoURL).catch((error: unknown) => {
          throw withWhat(error, 'image repo', sub.image.repoURL);
        });
        found.images.push(await discoverImages(sub.image, credentials, signal));
      } else {
        const credentials = await deps.credentials('helm', project, sub.chart.repoURL).catch((error: unknown) => {
          throw withWhat(error, 'chart repository', sub.chart.repoURL);
        });
        found.charts.push(await discoverChartVersions(sub.chart, credentials, signal));
      }
    }
  } catch (error) {
    throw new Error(`error discovering artifacts: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return {
    discoveredAt: deps.clock
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    ...found,
  };
}
