// Kargo's buildFreightFromLatestArtifacts: the newest commit, image and chart
// version of each subscription, in subscription order, named by freightID.

import type { Freight } from '../../model/kargo.js';
import { freightID } from './freight-id.js';
import type { DiscoveredArtifacts } from './types.js';

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

export function buildFreight(namespace: string, warehouse: string, artifacts: DiscoveredArtifacts | undefined): Freight {
  if (!artifacts) throw new Error('no artifacts discovered');
  const freight: Freight = { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Freight', metadata: { namespace } };
  for (const result of artifacts.git ?? []) {
    const latest = result.commits[0];
    if (!latest) throw new Error(`no commits discovered for repository "${result.repoURL}"`);
    (freight.commits ??= []).push(
      compact({
        repoURL: result.repoURL,
        id: latest.id,
        branch: latest.branch,
        tag: latest.tag,
        message: latest.subject,
        author: latest.author,
        committer: latest.committer,
      }),
    );
  }
  for (const result of artifacts.images ?? []) {
    const latest = result.references[0];
    if (!latest) throw new Error(`no images discovered for repository "${result.repoURL}"`);
    (freight.images ??= []).push(compact({ repoURL: result.repoURL, tag: latest.tag, digest: latest.digest, annotations: latest.annotations }));
  }
  for (const result of artifacts.charts ?? []) {
    const latest = result.versions[0];
    // Kargo's message names the URL where the chart goes and the chart where the URL goes; kept as is.
    if (!latest) throw new Error(`no versions discovered for chart "${result.repoURL}" from repository "${result.name ?? ''}"`);
    (freight.charts ??= []).push(compact({ repoURL: result.repoURL, name: result.name, version: latest }));
  }
  freight.origin = { kind: 'Warehouse', name: warehouse };
  freight.metadata.name = freightID(freight);
  return freight;
}
