// What argocd-update wants an Application's sources to become: per source
// the desired revision (from the update naming its repoURL and chart), a new
// targetRevision when asked, Kustomize images and Helm parameters.

import { normalizeGitURL } from '../git/urls.js';
import { sourcesOf, type Application, type ApplicationSource } from './application.js';
import type { AppUpdate, KustomizeImageUpdate, SourceUpdate } from './update-config.js';

/** One desired revision per source of the Application ('' where none is wanted). */
export function desiredRevisions(update: AppUpdate, app: Application): string[] {
  return sourcesOf(app).map((source) => {
    const match = (update.sources ?? []).find((candidate) => candidate.repoURL === source.repoURL && (candidate.chart ?? '') === (source.chart ?? ''));
    return match?.desiredRevision ?? '';
  });
}

/** The Application's sources with every update applied; throws when an update matches no source. */
export function desiredSources(update: AppUpdate, app: Application): ApplicationSource[] {
  const sources = structuredClone(sourcesOf(app));
  const revisions = desiredRevisions(update, app);
  const where = `Argo CD Application ${JSON.stringify(app.metadata.name ?? '')} in namespace ${JSON.stringify(app.metadata.namespace ?? '')}`;
  for (const sourceUpdate of update.sources ?? []) {
    const index = sources.findIndex((source) => matches(sourceUpdate, source));
    if (index < 0) {
      const chart = sourceUpdate.chart ? ` and chart ${JSON.stringify(sourceUpdate.chart)}` : '';
      throw new Error(`no source of ${where} matched update for source with repoURL ${sourceUpdate.repoURL}${chart}`);
    }
    sources[index] = applied(sourceUpdate, revisions[index] ?? '', sources[index] as ApplicationSource);
  }
  return sources;
}

function matches(update: SourceUpdate, source: ApplicationSource): boolean {
  if (source.chart || update.chart) return source.repoURL === update.repoURL && source.chart === update.chart;
  return normalizeGitURL(source.repoURL ?? '') === normalizeGitURL(update.repoURL);
}

function applied(update: SourceUpdate, revision: string, source: ApplicationSource): ApplicationSource {
  const result = { ...source };
  if (update.updateTargetRevision && revision) result.targetRevision = revision;
  if (update.kustomize?.images?.length) {
    result.kustomize = { ...(result.kustomize ?? {}), images: update.kustomize.images.map(kustomizeImage) };
  }
  if (update.helm?.images.length) {
    const parameters = [...(result.helm?.parameters ?? [])];
    for (const { key, value } of update.helm.images) {
      const existing = parameters.findIndex((parameter) => parameter.name === key);
      if (existing >= 0) parameters[existing] = { name: key, value };
      else parameters.push({ name: key, value });
    }
    result.helm = { ...(result.helm ?? {}), parameters };
  }
  return result;
}

/** Argo CD's Kustomize image string: `repo[=newName](@digest|:tag)`. */
function kustomizeImage(image: KustomizeImageUpdate): string {
  const name = image.newName ? `${image.repoURL}=${image.newName}` : image.repoURL;
  return image.digest ? `${name}@${image.digest}` : `${name}:${image.tag ?? ''}`;
}
