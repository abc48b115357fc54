// Kargo's API server records who created a Project or a Promotion in the
// create-actor annotation, overwriting whatever a manifest says so nobody can
// claim another's name (pkg/server/common.go annotateResourceWithCreator). Other
// kinds are left as written.

import { CREATE_ACTOR_ANNOTATION } from '../model/annotations.js';
import type { KubeObject } from '../model/kargo.js';

const ANNOTATED_KINDS = ['Project', 'Promotion'];
const KARGO_API_VERSION = 'kargo.akuity.io/v1alpha1';

export function needsCreator(object: KubeObject): boolean {
  return object.apiVersion === KARGO_API_VERSION && ANNOTATED_KINDS.includes(object.kind ?? '');
}

/** `object` with the create-actor annotation set for `username` (as `kubernetes:<username>`, the actor of a kubeconfig user). */
export function withCreator<T extends KubeObject>(object: T, username: string): T {
  if (!needsCreator(object)) return object;
  const annotations = { ...(object.metadata.annotations ?? {}), [CREATE_ACTOR_ANNOTATION]: `kubernetes:${username}` };
  return { ...object, metadata: { ...object.metadata, annotations } };
}
