// Core and networking API resources kargo's commands read and write beside
// Kargo's own kinds (src/kube/resources.ts). Pure data, like resources.ts.

import type { ResourceType } from './resources.js';

function kind(group: string, version: string, kindName: string, plural: string, shortNames: string[] = []): ResourceType {
  return { group, version, kind: kindName, plural, singular: kindName.toLowerCase(), namespaced: true, shortNames, hasStatus: false };
}

export const coreResources = {
  secret: kind('', 'v1', 'Secret', 'secrets'),
  configMap: kind('', 'v1', 'ConfigMap', 'configmaps', ['cm']),
  serviceAccount: kind('', 'v1', 'ServiceAccount', 'serviceaccounts', ['sa']),
  pod: kind('', 'v1', 'Pod', 'pods', ['po']),
  service: kind('', 'v1', 'Service', 'services', ['svc']),
  ingress: kind('networking.k8s.io', 'v1', 'Ingress', 'ingresses', ['ing']),
  role: kind('rbac.authorization.k8s.io', 'v1', 'Role', 'roles'),
  roleBinding: kind('rbac.authorization.k8s.io', 'v1', 'RoleBinding', 'rolebindings'),
  clusterRole: { ...kind('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles'), namespaced: false },
} as const satisfies Record<string, ResourceType>;
