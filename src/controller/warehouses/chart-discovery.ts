// Kargo's chart subscriber for classic (HTTP/S) Helm repositories
// (pkg/helm/chart/http_selector.go): read `<repoURL>/index.yaml`, keep the
// named chart's versions that parse as semver and satisfy the constraint,
// newest first, up to the discovery limit. OCI chart repositories are not
// spoken here.

import { parse } from 'yaml';
import { compareVersions, parseSemver } from '../../engine/expressions/functions/semver.js';
import { openRequest, readBody } from '../../engine/files/http-request.js';
import type { BasicCredentials } from './credentials.js';
import { versionConstraint } from './semver.js';
import type { ChartDiscoveryResult, ChartSubscription } from './types.js';

const TIMEOUT_MS = 30_000;
const MAX_INDEX_BYTES = 64 << 20;
const NEVER = new AbortController().signal;

async function fetchIndex(
  indexURL: string,
  sub: ChartSubscription,
  credentials: BasicCredentials | undefined,
  signal: AbortSignal | undefined,
): Promise<string> {
  const headers = credentials
    ? [{ name: 'authorization', value: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` }]
    : [];
  let open: Awaited<ReturnType<typeof openRequest>>;
  try {
    open = await openRequest({
      method: 'GET',
      url: indexURL,
      headers,
      timeoutMs: TIMEOUT_MS,
      signal: signal ?? NEVER,
      ...(sub.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {}),
    });
  } catch (error) {
    throw new Error(`error querying repository index at "${indexURL}": ${error instanceof Error ? error.message : String(error)}`);
  }
  const status = open.response.statusCode ?? 0;
  if (status !== 200) {
    open.response.resume();
    throw new Error(`received unexpected HTTP ${status} when querying repository index at "${indexURL}"`);
  }
  return (await readBody(open, MAX_INDEX_BYTES)).toString('utf8');
}

export async function discoverChartVersions(
  sub: ChartSubscription,
  credentials: BasicCredentials | undefined,
  signal?: AbortSignal,
): Promise<ChartDiscoveryResult> {
  const wrap = (error: unknown, what: string) =>
    new Error(`error ${what} from helm chart repo "${sub.repoURL}": ${error instanceof Error ? error.message : String(error)}`);
  if (!/^https?:\/\//.test(sub.repoURL)) {
    throw wrap(
      new Error(
        sub.repoURL.startsWith('oci://') ? 'OCI chart repositories are not supported by this controller' : `repository URL "${sub.repoURL}" is invalid`,
      ),
      'obtaining selector for chart versions',
    );
  }
  let constraint: ReturnType<typeof versionConstraint>;
  try {
    constraint = versionConstraint(sub.semverConstraint);
  } catch (error) {
    throw wrap(error, 'obtaining selector for chart versions');
  }
  const indexURL = `${sub.repoURL.replace(/\/$/, '')}/index.yaml`;
  let versions: string[];
  try {
    const index = parse(await fetchIndex(indexURL, sub, credentials, signal)) as { entries?: Record<string, { version?: unknown }[]> } | null;
    versions = (index?.entries?.[sub.name ?? ''] ?? [])
      .map((entry) => parseSemver(String(entry.version ?? '')))
      .filter((version) => version !== undefined && (!constraint || constraint(version)))
      .map((version) => version!)
      .sort((a, b) => compareVersions(b, a) || (b.original < a.original ? -1 : b.original > a.original ? 1 : 0))
      .map((version) => version.original);
  } catch (error) {
    throw wrap(error, 'discovering chart versions');
  }
  const limit = sub.discoveryLimit ?? 20;
  return {
    repoURL: sub.repoURL,
    ...(sub.name ? { name: sub.name } : {}),
    ...(sub.semverConstraint ? { semverConstraint: sub.semverConstraint } : {}),
    versions: versions.slice(0, limit),
  };
}
