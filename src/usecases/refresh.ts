// Asking Kargo to reconcile a Warehouse or Stage now: a fresh token in the
// `kargo.akuity.io/refresh` annotation, which the controller copies to
// status.lastHandledRefresh once handled (kargo-semantics.md §4.4).

import { randomUUID } from 'node:crypto';
import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Promotion, Stage, Warehouse } from '../model/kargo.js';
import { watchObject } from './watch-object.js';
import { fail } from '../runtime/failure.js';
import { REFRESH_ANNOTATION } from '../model/annotations.js';

export type RefreshKind = 'warehouse' | 'stage';

export interface RefreshRequest {
  kind: RefreshKind;
  project: string;
  name: string;
}

export interface RefreshRequested {
  token: string;
  /** The Stage's current Promotion, refreshed with it (as Kargo's API does). */
  promotion?: string;
}

const KIND_LABEL: Record<RefreshKind, string> = { warehouse: 'Warehouse', stage: 'Stage' };

export async function requestRefresh(client: KubeClient, request: RefreshRequest, newToken: () => string = randomUUID): Promise<RefreshRequested> {
  const type = resources[request.kind];
  const token = newToken();
  const patch = { metadata: { annotations: { [REFRESH_ANNOTATION]: token } } };
  let object: Stage | Warehouse;
  try {
    object = await client.patch<Stage | Warehouse>(type, request.name, patch, request.project);
  } catch (error) {
    if (isNotFound(error)) {
      fail(
        'not-found',
        `${KIND_LABEL[request.kind]} "${request.name}" not found in project "${request.project}". List them with \`kargo get ${request.kind}s -p ${request.project}\`.`,
      );
    }
    throw error;
  }
  const current = request.kind === 'stage' ? (object as Stage).status?.currentPromotion?.name : undefined;
  if (current) {
    await client.patch<Promotion>(resources.promotion, current, patch, request.project).catch(() => undefined);
  }
  return { token, ...(current ? { promotion: current } : {}) };
}

/** Resolves once the controller has handled `token`; returns false if the signal stopped the wait first. */
export async function waitForRefresh(client: KubeClient, request: RefreshRequest, token: string, signal: AbortSignal): Promise<boolean> {
  try {
    for await (const object of watchObject<Stage | Warehouse>(client, resources[request.kind], request.project, request.name, { signal })) {
      if (!object) fail('not-found', `${KIND_LABEL[request.kind]} "${request.name}" was deleted while waiting for the refresh.`);
      if (object.status?.lastHandledRefresh === token) return true;
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  }
  return false;
}
