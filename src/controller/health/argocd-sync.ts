// Kargo's stageHealthForAppSync: with desired revisions recorded, an
// Application must have finished its sync operation and be synced to each
// of them, source by source. Pure.

import { describeApp, sourcesOf, type Application } from '../../engine/argocd/application.js';
import type { HealthState } from '../../model/kargo.js';

/** Kargo's stageHealthForAppSync: undefined when the sync is as desired (or nothing is desired). */
export function syncState(app: Application, desired: readonly string[]): { state: HealthState; issues: string[] } | undefined {
  if (!desired.some((revision) => revision !== '')) return undefined;
  const what = describeApp(app);
  const name = JSON.stringify(app.metadata.name ?? '');
  const namespace = JSON.stringify(app.metadata.namespace ?? '');
  if (app.operation?.sync || !app.status?.operationState?.finishedAt) return { state: 'Unknown', issues: [`${what} is being synced`] };
  const sources = sourcesOf(app);
  if (sources.length !== desired.length) {
    return { state: 'Unknown', issues: [`${what} has ${sources.length} sources but ${desired.length} desired revisions`] };
  }
  const observed = app.status.sync?.revisions?.length ? app.status.sync.revisions : [app.status.sync?.revision ?? ''];
  if (observed.length !== desired.length) {
    return { state: 'Unknown', issues: [`${what} has ${observed.length} observed revisions but ${desired.length} desired revisions`] };
  }
  const mismatches = desired.flatMap((revision, index) =>
    revision && observed[index] !== revision
      ? [
          `Source ${index} with RepoURL ${sources[index]?.repoURL ?? ''} of Application ${name} in namespace ${namespace} does not match the desired revision ${JSON.stringify(revision)}.`,
        ]
      : [],
  );
  if (mismatches.length === 0) return undefined;
  return {
    state: 'Unhealthy',
    issues: [`Not all sources of Application ${name} in namespace ${namespace} are synced to the desired revisions. Issues: ${mismatches.join('; ')}`],
  };
}
