// Kinds served before any CRD is applied. Kargo and Argo kinds accept any shape
// until their CRD (with a schema) is applied or loaded from a CRD directory.

import type { PrinterColumn, ServedResource } from './registry.js';

export const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

interface Spec {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  hasStatus?: boolean;
  printerColumns?: PrinterColumn[];
  verbs?: string[];
}

function served(spec: Spec): ServedResource {
  return {
    group: spec.group,
    version: spec.version,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    plural: spec.plural,
    singular: spec.kind.toLowerCase(),
    namespaced: spec.namespaced,
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    hasStatus: spec.hasStatus ?? false,
    verbs: spec.verbs ?? STANDARD_VERBS,
    printerColumns: spec.printerColumns ?? [],
    fromCrd: false,
  };
}

const AGE: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
const KARGO = 'kargo.akuity.io';
const ARGO = 'argoproj.io';
const RBAC = 'rbac.authorization.k8s.io';

function kargo(kind: string, plural: string, namespaced: boolean, hasStatus: boolean, shortNames: string[] = []): ServedResource {
  return served({ group: KARGO, version: 'v1alpha1', kind, plural, namespaced, hasStatus, shortNames, categories: ['kargo'] });
}

function argo(kind: string, plural: string, namespaced: boolean, hasStatus: boolean, shortNames: string[] = []): ServedResource {
  return served({ group: ARGO, version: 'v1alpha1', kind, plural, namespaced, hasStatus, shortNames });
}

export const BUILTIN_RESOURCES: ServedResource[] = [
  served({
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    hasStatus: true,
    printerColumns: [{ name: 'Status', type: 'string', jsonPath: '.status.phase' }, AGE],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  served({ group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, shortNames: ['cm'] }),
  served({
    group: '',
    version: 'v1',
    kind: 'Secret',
    plural: 'secrets',
    namespaced: true,
    printerColumns: [{ name: 'Type', type: 'string', jsonPath: '.type' }, AGE],
  }),
  served({ group: '', version: 'v1', kind: 'Event', plural: 'events', namespaced: true, shortNames: ['ev'] }),
  served({ group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', namespaced: true, shortNames: ['sa'] }),
  // Where Kargo's API is exposed (kargo dashboard reads them); stored only, nothing routes traffic.
  served({ group: '', version: 'v1', kind: 'Service', plural: 'services', namespaced: true, shortNames: ['svc'], hasStatus: true }),
  served({ group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', namespaced: true, shortNames: ['ing'], hasStatus: true }),
  served({ group: RBAC, version: 'v1', kind: 'Role', plural: 'roles', namespaced: true }),
  served({ group: RBAC, version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', namespaced: true }),
  served({ group: RBAC, version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false }),
  served({ group: RBAC, version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false }),
  served({
    group: 'apiextensions.k8s.io',
    version: 'v1',
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    hasStatus: true,
  }),
  served({
    group: 'authorization.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectAccessReview',
    plural: 'selfsubjectaccessreviews',
    namespaced: false,
    verbs: ['create'],
  }),
  served({
    group: 'authorization.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectRulesReview',
    plural: 'selfsubjectrulesreviews',
    namespaced: false,
    verbs: ['create'],
  }),
  served({ group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', namespaced: false, verbs: ['create'] }),
  kargo('Project', 'projects', false, true),
  kargo('ProjectConfig', 'projectconfigs', true, true),
  kargo('ClusterConfig', 'clusterconfigs', false, true),
  kargo('Warehouse', 'warehouses', true, true),
  kargo('Freight', 'freights', true, true),
  kargo('Stage', 'stages', true, true),
  kargo('Promotion', 'promotions', true, true, ['promo', 'promos']),
  kargo('PromotionTask', 'promotiontasks', true, false, ['promotask', 'promotasks']),
  kargo('ClusterPromotionTask', 'clusterpromotiontasks', false, false, ['clusterpromotask', 'clusterpromotasks']),
  argo('AnalysisTemplate', 'analysistemplates', true, false, ['at']),
  argo('ClusterAnalysisTemplate', 'clusteranalysistemplates', false, false, ['cat']),
  // As their real CRDs declare them: no status subresource (status is written with the object).
  argo('AnalysisRun', 'analysisruns', true, false, ['ar']),
  argo('Application', 'applications', true, false, ['app', 'apps']),
];

/** Kinds answered by a handler rather than stored. */
export const VIRTUAL_KINDS = new Set(['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'selfsubjectreviews']);
