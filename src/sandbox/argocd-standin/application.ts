// The parts of an Argo CD Application (argoproj.io/v1alpha1) the stand-in
// reads and writes, as Argo CD's application controller would. Its own view:
// the stand-in plays Argo CD, a different party from the promotion engine.

import type { ResourceType } from '../../kube/resources.js';
import type { KubeObject } from '../../model/kargo.js';

export const APPLICATIONS: ResourceType = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'Application',
  plural: 'applications',
  singular: 'application',
  namespaced: true,
  shortNames: ['app', 'apps'],
  hasStatus: false,
};

/** Argo CD's annotation asking for a (hard) refresh; removed once handled. */
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
/** Which 127.0.0.1 port the stand-in serves the Application's workload on (optional; else one is picked and kept). */
export const PORT_ANNOTATION = 'sandbox.kargo-cli.io/port';

export interface AppSource {
  repoURL?: string;
  path?: string;
  targetRevision?: string;
  [key: string]: unknown;
}

export interface AppOperation {
  sync?: { revision?: string; revisions?: string[]; [key: string]: unknown };
  [key: string]: unknown;
}

export interface OperationState {
  operation?: AppOperation;
  phase: 'Running' | 'Succeeded' | 'Failed' | 'Error';
  message: string;
  syncResult?: { revision: string; source?: AppSource };
  startedAt: string;
  finishedAt?: string;
}

export interface AppStatus {
  sync?: { status: string; revision?: string; comparedTo?: unknown };
  health?: { status: string; message?: string };
  operationState?: OperationState;
  reconciledAt?: string;
  summary?: { externalURLs?: string[]; images?: string[] };
  [key: string]: unknown;
}

export interface Application extends KubeObject {
  spec: { source?: AppSource; sources?: AppSource[]; [key: string]: unknown };
  operation?: AppOperation;
  status?: AppStatus;
}

export const appKey = (app: Application): string => `${app.metadata.namespace ?? ''}/${app.metadata.name ?? ''}`;

/** The one source the stand-in renders: `spec.source`, else the first of `spec.sources`. */
export const sourceOf = (app: Application): AppSource | undefined => app.spec.source ?? app.spec.sources?.[0];
