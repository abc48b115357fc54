// The status Argo CD's application controller writes when it has carried out
// a sync: the operation's outcome (operationState, which argocd-update reads),
// the sync and health status (which Kargo's argocd health checker reads), the
// time it reconciled the Application, and a summary with the workload's URL.

import type { AppSource, AppStatus, Application } from './application.js';
import { sourceOf } from './application.js';

const rfc3339 = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface SyncOutcome {
  revision: string;
  images: string[];
  externalURL: string;
}

function withoutStale(status: AppStatus | undefined): AppStatus {
  const { operationState: _previous, ...rest } = status ?? {};
  return rest;
}

export function syncedStatus(app: Application, outcome: SyncOutcome, now: Date): AppStatus {
  const at = rfc3339(now);
  const source = sourceOf(app) as AppSource;
  return {
    ...withoutStale(app.status),
    operationState: {
      ...(app.operation ? { operation: app.operation } : {}),
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      syncResult: { revision: outcome.revision, source },
      startedAt: at,
      finishedAt: at,
    },
    // Argo CD compares against the source and the destination; its CRD requires both.
    sync: { status: 'Synced', revision: outcome.revision, comparedTo: { source, destination: app.spec['destination'] ?? {} } },
    health: { status: 'Healthy' },
    reconciledAt: at,
    summary: { externalURLs: [outcome.externalURL], images: outcome.images },
  };
}

/** A sync that could not be carried out (e.g. the revision does not exist). */
export function failedSyncStatus(app: Application, message: string, now: Date): AppStatus {
  const at = rfc3339(now);
  return {
    ...withoutStale(app.status),
    operationState: { ...(app.operation ? { operation: app.operation } : {}), phase: 'Error', message, startedAt: at, finishedAt: at },
    sync: { ...(app.status?.sync ?? {}), status: 'OutOfSync' },
    health: app.status?.health ?? { status: 'Missing' },
    reconciledAt: at,
  };
}

/** A refresh: Argo CD looked at the Application again. */
export function refreshedStatus(app: Application, now: Date): AppStatus {
  return { ...(app.status ?? {}), reconciledAt: rfc3339(now) };
}

/** An Application never synced: Argo CD reports it OutOfSync with nothing deployed. */
export function unsyncedStatus(app: Application, now: Date): AppStatus {
  return { ...(app.status ?? {}), sync: { status: 'OutOfSync' }, health: { status: 'Missing' }, reconciledAt: rfc3339(now) };
}
