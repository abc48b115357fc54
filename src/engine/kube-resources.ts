// API resources the engine reads beyond Kargo's own (src/kube/resources.ts
// lists those): ConfigMaps and Secrets for expressions, Argo CD Applications
// for argocd-update and argocd-wait.

import type { ResourceType } from '../kube/resources.js';

const core = (kind: string, plural: string): ResourceType => ({
  group: '',
  version: 'v1',
  kind,
  plural,
  singular: kind.toLowerCase(),
  namespaced: true,
  shortNames: [],
  hasStatus: false,
});

export const engineResources = {
  configMap: core('ConfigMap', 'configmaps'),
  secret: core('Secret', 'secrets'),
  application: {
    group: 'argoproj.io',
    version: 'v1alpha1',
    kind: 'Application',
    plural: 'applications',
    singular: 'application',
    namespaced: true,
    shortNames: ['app', 'apps'],
    // Argo CD's Application CRD has no status subresource: status is written with the object.
    hasStatus: false,
  },
} as const satisfies Record<string, ResourceType>;

/** A 404 from the API server, whatever client raised it. */
export function isNotFoundError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 404;
}
