// The API resources kargo knows, keyed the way users name them on the command line.
// Pure data: no client code, so commands that need no cluster can import it for free.

export interface ResourceType {
  group: string; // '' for the core group
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  hasStatus: boolean;
}

const KARGO = 'kargo.akuity.io';
const ARGO = 'argoproj.io';

function kargo(kind: string, plural: string, namespaced: boolean, shortNames: string[] = [], hasStatus = true): ResourceType {
  return { group: KARGO, version: 'v1alpha1', kind, plural, singular: kind.toLowerCase(), namespaced, shortNames, hasStatus };
}

function argo(kind: string, plural: string, namespaced: boolean, shortNames: string[] = [], hasStatus = true): ResourceType {
  return { group: ARGO, version: 'v1alpha1', kind, plural, singular: kind.toLowerCase(), namespaced, shortNames, hasStatus };
}

function core(kind: string, plural: string, namespaced: boolean, shortNames: string[] = [], hasStatus = false): ResourceType {
  return { group: '', version: 'v1', kind, plural, singular: kind.toLowerCase(), namespaced, shortNames, hasStatus };
}

function rbac(kind: string, plural: string): ResourceType {
  return { group: 'rbac.authorization.k8s.io', version: 'v1', kind, plural, singular: kind.toLowerCase(), namespaced: true, shortNames: [], hasStatus: false };
}

export const resources = {
  project: kargo('Project', 'projects', false),
  projectConfig: kargo('ProjectConfig', 'projectconfigs', true),
  clusterConfig: kargo('ClusterConfig', 'clusterconfigs', false),
  warehouse: kargo('Warehouse', 'warehouses', true),
  freight: kargo('Freight', 'freights', true),
  stage: kargo('Stage', 'stages', true),
  promotion: kargo('Promotion', 'promotions', true, ['promo', 'promos']),
  promotionTask: kargo('PromotionTask', 'promotiontasks', true, ['promotask', 'promotasks'], false),
  clusterPromotionTask: kargo('ClusterPromotionTask', 'clusterpromotiontasks', false, ['clusterpromotask', 'clusterpromotasks'], false),
  analysisTemplate: argo('AnalysisTemplate', 'analysistemplates', true, ['at'], false),
  clusterAnalysisTemplate: argo('ClusterAnalysisTemplate', 'clusteranalysistemplates', false, ['cat'], false),
  // Argo Rollouts' AnalysisRun CRD declares no status subresource (subresources: {}).
  analysisRun: argo('AnalysisRun', 'analysisruns', true, ['ar'], false),
  namespace: core('Namespace', 'namespaces', false, ['ns'], true),
  secret: core('Secret', 'secrets', true),
  configMap: core('ConfigMap', 'configmaps', true, ['cm']),
  serviceAccount: core('ServiceAccount', 'serviceaccounts', true, ['sa']),
  role: rbac('Role', 'roles'),
  roleBinding: rbac('RoleBinding', 'rolebindings'),
} as const satisfies Record<string, ResourceType>;

export const KARGO_GROUP = KARGO;
export const ROLLOUTS_GROUP = ARGO;

/** `kargo.akuity.io/v1alpha1`, or `v1` for the core group. */
export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `freight.kargo.akuity.io`, the prefix of `-o name` output. */
export function qualifiedName(type: ResourceType): string {
  return type.group ? `${type.singular}.${type.group}` : type.singular;
}
