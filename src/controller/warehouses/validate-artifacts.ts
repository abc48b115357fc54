// Kargo's validateDiscoveredArtifacts: something must have been found, and
// every subscription must have found at least one commit, image or version.

import type { DiscoveredArtifacts } from './types.js';

export interface InvalidArtifacts {
  healthyReason: string;
  readyReason: string;
  message: string;
}

export function validateArtifacts(artifacts: DiscoveredArtifacts | undefined): InvalidArtifacts | undefined {
  const git = artifacts?.git ?? [];
  const images = artifacts?.images ?? [];
  const charts = artifacts?.charts ?? [];
  if (git.length + images.length + charts.length + (artifacts?.results ?? []).length === 0) {
    return { healthyReason: 'MissingArtifacts', readyReason: 'MissingArtifacts', message: 'No artifacts discovered' };
  }
  const noCommits = git.find((result) => result.commits.length === 0);
  if (noCommits)
    return { healthyReason: 'NoCommitsDiscovered', readyReason: 'MissingCommits', message: `No commits discovered for Git repository "${noCommits.repoURL}"` };
  const noImages = images.find((result) => result.references.length === 0);
  if (noImages) {
    return {
      healthyReason: 'NoImageReferencesDiscovered',
      readyReason: 'MissingImageReferences',
      message: `No references discovered for image repository "${noImages.repoURL}"`,
    };
  }
  const noVersions = charts.find((result) => result.versions.length === 0);
  if (noVersions) {
    const name = noVersions.name ? `"${noVersions.name}"` : '';
    return {
      healthyReason: 'NoChartVersionsDiscovered',
      readyReason: 'MissingChartVersions',
      message: `No versions discovered for chart ${name} from repository "${noVersions.repoURL}"`,
    };
  }
  return undefined;
}
