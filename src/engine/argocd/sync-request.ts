// The merge patch by which argocd-update asks Argo CD for a sync: the new
// sources, a hard refresh, and an operation tagged with the Promotion (so a
// later pass recognises its own operation), clearing the last operation state.

import { PROMOTION_ANNOTATION } from '../../model/annotations.js';
import type { Application, ApplicationOperation, ApplicationSource } from './application.js';

/** The operation info entry naming the Promotion (Kargo reuses the annotation key). */
export const PROMOTION_INFO_KEY = PROMOTION_ANNOTATION;
const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
const KARGO_INITIATOR = 'kargo-controller';

export function syncPatch(app: Application, sources: ApplicationSource[], promotion: string, actor: string | undefined): Record<string, unknown> {
  const operation: ApplicationOperation = {
    initiatedBy: actor ? { username: actor, automated: false } : { username: KARGO_INITIATOR, automated: true },
    info: [
      { name: 'Reason', value: 'Promotion triggered a sync of this Application resource.' },
      { name: PROMOTION_INFO_KEY, value: promotion },
    ],
    sync: {
      revisions: [],
      ...(app.spec.syncPolicy?.syncOptions ? { syncOptions: app.spec.syncPolicy.syncOptions } : {}),
    },
    ...(app.spec.syncPolicy?.retry ? { retry: app.spec.syncPolicy.retry } : {}),
  };
  const spec = app.spec.sources?.length ? { sources } : { source: sources[0] };
  return {
    metadata: { annotations: { [REFRESH_ANNOTATION]: 'hard' } },
    spec,
    operation,
    ...(app.status ? { status: { operationState: null } } : {}),
  };
}

/** The Promotion that started the Application's current operation, if Kargo started it. */
export function operationPromotion(operation: ApplicationOperation | undefined): string | undefined {
  return operation?.info?.find((info) => info?.name === PROMOTION_INFO_KEY)?.value;
}
