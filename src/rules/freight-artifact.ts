// Which Freight carry a given artifact: an image `repo:tag` (or `repo@digest`),
// or a commit SHA (a prefix of at least 7 characters is enough, as in git).

import type { Freight } from '../model/kargo.js';

export function findFreightByArtifact(freight: Freight[], kind: 'image' | 'commit', value: string): Freight[] {
  const matches = kind === 'image' ? (item: Freight) => carriesImage(item, value) : (item: Freight) => carriesCommit(item, value);
  return freight.filter(matches);
}

function carriesImage(freight: Freight, reference: string): boolean {
  const digestAt = reference.indexOf('@');
  const tagAt = reference.lastIndexOf(':');
  const hasTag = tagAt > reference.lastIndexOf('/');
  return (freight.images ?? []).some((image) => {
    if (digestAt >= 0) return image.repoURL === reference.slice(0, digestAt) && image.digest === reference.slice(digestAt + 1);
    if (hasTag) return image.repoURL === reference.slice(0, tagAt) && image.tag === reference.slice(tagAt + 1);
    return false;
  });
}

function carriesCommit(freight: Freight, sha: string): boolean {
  const wanted = sha.toLowerCase();
  if (wanted.length < 7) return false;
  return (freight.commits ?? []).some((commit) => !!commit.id && commit.id.toLowerCase().startsWith(wanted));
}
