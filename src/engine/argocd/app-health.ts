// Kargo's Argo CD health check for one Application (pkg/health/checker/
// builtin/argocd.go): trusted only after Argo CD reconciled it following its
// last operation, no configuration-error conditions, every desired revision
// synced, and health Healthy. This engine also requires sync status Synced
// before argocd-update counts as done.

import { describeApp, errorConditions, reconciledBeforeLastOperation, sourcesOf, type Application } from './application.js';

export type AppHealthState = 'Healthy' | 'Progressing' | 'Unknown' | 'Unhealthy';

export interface AppHealth {
  state: AppHealthState;
  issues: string[];
}

export function applicationHealth(app: Application, desiredRevisions: readonly string[]): AppHealth {
  const what = describeApp(app);
  if (reconciledBeforeLastOperation(app)) {
    return unknown(`${what} was not reconciled after its most recent operation completed; Application health status not trusted`);
  }
  const broken = errorConditions(app);
  if (broken.length > 0) {
    return { state: 'Unhealthy', issues: broken.map((condition) => `${what} has ${JSON.stringify(condition.type)} condition: ${condition.message ?? ''}`) };
  }
  const sync = syncHealth(app, desiredRevisions);
  if (sync) return sync;
  switch (app.status?.health?.status ?? '') {
    case 'Healthy':
      break;
    case 'Progressing':
    case '':
      return { state: 'Progressing', issues: [`${what} is progressing`] };
    case 'Suspended':
      return { state: 'Progressing', issues: [`${what} is suspended`] };
    default:
      return { state: 'Unhealthy', issues: [`${what} has health state ${JSON.stringify(app.status?.health?.status)}`] };
  }
  if (app.status?.sync?.status !== 'Synced') {
    return { state: 'Progressing', issues: [`${what} is not synced (sync status ${JSON.stringify(app.status?.sync?.status ?? '')})`] };
  }
  return { state: 'Healthy', issues: [] };
}

const unknown = (issue: string): AppHealth => ({ state: 'Unknown', issues: [issue] });

function syncHealth(app: Application, desired: readonly string[]): AppHealth | undefined {
  if (!desired.some((revision) => revision !== '')) return undefined;
  const what = describeApp(app);
  if (app.operation?.sync || !app.status?.operationState?.finishedAt) return unknown(`${what} is being synced`);
  const sources = sourcesOf(app);
  if (sources.length !== desired.length) return unknown(`${what} has ${sources.length} sources but ${desired.length} desired revisions`);
  const observed = app.status.sync?.revisions?.length ? app.status.sync.revisions : [app.status.sync?.revision ?? ''];
  if (observed.length !== desired.length) {
    return unknown(`${what} has ${observed.length} observed revisions but ${desired.length} desired revisions`);
  }
  const issues = desired.flatMap((revision, index) =>
    revision && observed[index] !== revision
      ? [
          `Source ${index} with RepoURL ${sources[index]?.repoURL ?? ''} of Application ${JSON.stringify(app.metadata.name ?? '')} in namespace ${JSON.stringify(app.metadata.namespace ?? '')} does not match the desired revision ${JSON.stringify(revision)}.`,
        ]
      : [],
  );
  if (issues.length === 0) return undefined;
  return {
    state: 'Unhealthy',
    issues: [
      `Not all sources of Application ${JSON.stringify(app.metadata.name ?? '')} in namespace ${JSON.stringify(app.metadata.namespace ?? '')} are synced to the desired revisions. Issues: ${issues.join('; ')}`,
    ],
  };
}
