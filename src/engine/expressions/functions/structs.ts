// Kargo's API types as expressions see them: Go field names for access
// (`imageFrom(url).Tag`), the CRD's JSON names when printed.

import type { Chart, GenericArtifact, GitCommit, Image } from '../../../model/kargo.js';
import { GoStruct, withZeroValue } from '../core/index.js';

/** encoding/json's `omitempty`: leave out empty strings and empty maps. */
function omitEmpty(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const empty = value === '' || value === undefined || value === null || (typeof value === 'object' && Object.keys(value).length === 0);
    if (!empty) out[key] = value;
  }
  return out;
}

export const FREIGHT_ORIGIN_TYPE = 'v1alpha1.FreightOrigin';

export function freightOriginStruct(kind: string, name: string): GoStruct {
  return new GoStruct(FREIGHT_ORIGIN_TYPE, { Kind: kind, Name: name }, () => ({ kind, name }));
}

export function imageStruct(image: Image): GoStruct {
  const fields = { repoURL: image.repoURL ?? '', tag: image.tag ?? '', digest: image.digest ?? '', annotations: image.annotations };
  return new GoStruct(
    '*v1alpha1.Image',
    { RepoURL: fields.repoURL, Tag: fields.tag, Digest: fields.digest, Annotations: withZeroValue({ ...image.annotations }, '') },
    () => omitEmpty(fields),
  );
}

export function commitStruct(commit: GitCommit): GoStruct {
  const fields = {
    repoURL: commit.repoURL ?? '',
    id: commit.id ?? '',
    branch: commit.branch ?? '',
    tag: commit.tag ?? '',
    message: commit.message ?? '',
    author: commit.author ?? '',
    committer: commit.committer ?? '',
  };
  return new GoStruct(
    '*v1alpha1.GitCommit',
    {
      RepoURL: fields.repoURL,
      ID: fields.id,
      Branch: fields.branch,
      Tag: fields.tag,
      Message: fields.message,
      Author: fields.author,
      Committer: fields.committer,
    },
    () => omitEmpty(fields),
  );
}

export function chartStruct(chart: Chart): GoStruct {
  const fields = { repoURL: chart.repoURL ?? '', name: chart.name ?? '', version: chart.version ?? '' };
  return new GoStruct('*v1alpha1.Chart', { RepoURL: fields.repoURL, Name: fields.name, Version: fields.version }, () => omitEmpty(fields));
}

/** Kargo's expressionFriendlyArtifactReference: no JSON tags, so Go names in JSON too. */
export function artifactStruct(artifact: GenericArtifact): GoStruct {
  const fields = {
    ArtifactType: artifact.artifactType ?? '',
    SubscriptionName: artifact.subscriptionName ?? '',
    Version: artifact.version ?? '',
    Metadata: artifact.metadata ?? {},
  };
  return new GoStruct('function.expressionFriendlyArtifactReference', fields, () => fields);
}
