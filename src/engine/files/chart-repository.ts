// Helm chart repositories over HTTP(S): the index (index.yaml) and chart
// archives. OCI registries are not spoken here.

import { parse } from 'yaml';
import { openRequest, readBody } from './http-request.js';
import { highestSatisfying } from './semver-constraint.js';

const MAX_INDEX_BYTES = 64 << 20;
const MAX_CHART_BYTES = 100 << 20;
const TIMEOUT_MS = 60_000;

interface IndexEntry {
  version?: string;
  urls?: string[];
}

export interface ResolvedChart {
  version: string;
  url: string;
}

async function get(url: string, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const open = await openRequest({ method: 'GET', url, timeoutMs: TIMEOUT_MS, signal });
  const status = open.response.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    open.response.resume();
    throw new Error(`GET ${url}: HTTP ${status}`);
  }
  return readBody(open, maxBytes);
}

/** Reads the repository's index once per run (cache by repository URL). */
export function repositoryIndexes(signal: AbortSignal): (repository: string) => Promise<Record<string, IndexEntry[]>> {
  const cache = new Map<string, Promise<Record<string, IndexEntry[]>>>();
  return (repository) => {
    let index = cache.get(repository);
    if (!index) {
      index = get(`${repository.replace(/\/+$/, '')}/index.yaml`, MAX_INDEX_BYTES, signal).then((body) => {
        const parsed = parse(body.toString('utf8')) as { entries?: Record<string, IndexEntry[]> } | null;
        return parsed?.entries ?? {};
      });
      cache.set(repository, index);
    }
    return index;
  };
}

export function pickChart(entries: readonly IndexEntry[] | undefined, repository: string, name: string, constraint: string): ResolvedChart {
  const versions = (entries ?? []).map((entry) => entry.version ?? '').filter((version) => version !== '');
  const version = highestSatisfying(constraint || '*', versions);
  const entry = (entries ?? []).find((candidate) => candidate.version === version);
  const url = entry?.urls?.[0];
  if (!version || !url) {
    throw new Error(
      `can't get a valid version for dependency ${name}: no version of ${JSON.stringify(name)} in ${repository} satisfies ${JSON.stringify(constraint)}`,
    );
  }
  return { version, url: new URL(url, `${repository.replace(/\/+$/, '')}/`).toString() };
}

export function downloadChart(url: string, signal: AbortSignal): Promise<Buffer> {
  return get(url, MAX_CHART_BYTES, signal);
}
