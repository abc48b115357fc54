// The parts of an Argo CD Application (argoproj.io/v1alpha1) the argocd
// steps read and write; every other field is kept as the server sent it.

import type { KubeObject } from '../../model/kargo.js';

export interface ApplicationSource {
  repoURL?: string;
  chart?: string;
  targetRevision?: string;
  path?: string;
  kustomize?: { images?: string[]; [key: string]: unknown };
  helm?: { parameters?: { name: string; value?: string; [key: string]: unknown }[]; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ApplicationOperation {
  initiatedBy?: { username?: string; automated?: boolean };
  info?: ({ name: string; value: string } | null)[];
  sync?: { revisions?: string[]; syncOptions?: string[]; [key: string]: unknown };
  retry?: unknown;
}

export type OperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';

export interface OperationState {
  operation?: ApplicationOperation;
  phase?: OperationPhase;
  message?: string;
  syncResult?: { revision?: string; revisions?: string[] };
  startedAt?: string;
  finishedAt?: string;
}

export interface ApplicationStatus {
  health?: { status?: string; message?: string };
  sync?: { status?: string; revision?: string; revisions?: string[] };
  operationState?: OperationState;
  conditions?: { type: string; message?: string }[];
  reconciledAt?: string;
  [key: string]: unknown;
}

export interface Application extends KubeObject {
  spec: {
    source?: ApplicationSource;
    sources?: ApplicationSource[];
    syncPolicy?: { retry?: unknown; syncOptions?: string[]; [key: string]: unknown };
    [key: string]: unknown;
  };
  operation?: ApplicationOperation;
  status?: ApplicationStatus;
}

/** Kargo's default for ARGOCD_NAMESPACE. */
export const DEFAULT_ARGOCD_NAMESPACE = 'argocd';

/** `spec.sources`, or the single `spec.source` as a list of one. */
export function sourcesOf(app: Application): ApplicationSource[] {
  if (app.spec.sources?.length) return app.spec.sources;
  return app.spec.source ? [app.spec.source] : [];
}

export const isCompleted = (phase: OperationPhase | undefined): boolean => phase === 'Failed' || phase === 'Error' || phase === 'Succeeded';

export const appKey = (app: Application): string => `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`;

export const describeApp = (app: Application): string =>
  `Argo CD Application ${JSON.stringify(app.metadata.name ?? '')} in namespace ${JSON.stringify(app.metadata.namespace ?? '')}`;

/** Conditions that mean the Application's config is broken (Kargo's healthErrorConditions). */
export function errorConditions(app: Application): { type: string; message?: string }[] {
  return (app.status?.conditions ?? []).filter((condition) => condition.type === 'ComparisonError' || condition.type === 'InvalidSpecError');
}

/** Argo CD has not looked at the Application since its last operation ended: its health is stale. */
export function reconciledBeforeLastOperation(app: Application): boolean {
  const finishedAt = app.status?.operationState?.finishedAt;
  if (!finishedAt) return false;
  const reconciledAt = app.status?.reconciledAt;
  return !reconciledAt || Date.parse(reconciledAt) < Date.parse(finishedAt);
}
