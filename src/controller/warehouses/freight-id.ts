// Kargo's GenerateFreightID (pkg/api/freight.go): sha1 of
// `<origin kind>/<origin name>:` followed by the sorted artifact parts joined
// by `|` — a commit as `<normalized repo>[:<tag>]:<id>`, an image as
// `<repoURL>:<tag>@<digest>` (not normalized), a chart as
// path.Join(<normalized repo>, <name>)`:<version>`.

import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { normalizeGitURL } from '../../engine/git/urls.js';
import type { Freight } from '../../model/kargo.js';
import { normalizeChartURL } from './credentials.js';

export function freightID(freight: Pick<Freight, 'origin' | 'commits' | 'images' | 'charts' | 'artifacts'>): string {
  const parts = [
    ...(freight.commits ?? []).map((c) =>
      c.tag ? `${normalizeGitURL(c.repoURL ?? '')}:${c.tag}:${c.id ?? ''}` : `${normalizeGitURL(c.repoURL ?? '')}:${c.id ?? ''}`,
    ),
    ...(freight.images ?? []).map((i) => `${i.repoURL ?? ''}:${i.tag ?? ''}@${i.digest ?? ''}`),
    ...(freight.charts ?? []).map((c) => `${posix.join(normalizeChartURL(c.repoURL ?? ''), c.name ?? '')}:${c.version ?? ''}`),
    ...(freight.artifacts ?? []).map((a) => `${a.artifactType ?? ''}:${a.subscriptionName ?? ''}:${a.version ?? ''}`),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const origin = freight.origin ? `${freight.origin.kind}/${freight.origin.name}` : '';
  return createHash('sha1')
    .update(`${origin}:${parts.join('|')}`)
    .digest('hex');
}
