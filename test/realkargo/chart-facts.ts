// What Kargo v1.11.2's Helm chart (charts/kargo, default values) gives each
// control-plane component: its namespaces, its ServiceAccount name (here: the
// CN of its client certificate) and the environment of its ConfigMap.
// Values are the chart's defaults; only paths and ports are ours.

export const KARGO_NAMESPACE = 'kargo';

/** Namespaces the components expect to exist (chart: global.*, release namespace). */
export const KARGO_NAMESPACES = [KARGO_NAMESPACE, 'kargo-cluster-secrets', 'kargo-shared-resources', 'kargo-system-resources'] as const;

export type ComponentName = 'controller' | 'management-controller' | 'kubernetes-webhooks-server';

/** The chart's ServiceAccount per component; the webhooks recognise the control plane by these names. */
export const SERVICE_ACCOUNT: Record<ComponentName, string> = {
  controller: 'kargo-controller',
  'management-controller': 'kargo-management-controller',
  'kubernetes-webhooks-server': 'kargo-webhooks-server',
};

export function serviceAccountUser(component: ComponentName): string {
  return `system:serviceaccount:${KARGO_NAMESPACE}:${SERVICE_ACCOUNT[component]}`;
}

const SHARED = {
  KARGO_NAMESPACE,
  SYSTEM_RESOURCES_NAMESPACE: 'kargo-system-resources',
  SHARED_RESOURCES_NAMESPACE: 'kargo-shared-resources',
  LOG_LEVEL: 'INFO',
  LOG_FORMAT: 'CONSOLE',
};

/** charts/kargo/templates/controller/configmap.yaml with default values (api enabled, TLS on, host localhost). */
const CONTROLLER_ENV = {
  ...SHARED,
  API_SERVER_BASE_URL: 'https://localhost',
  IS_DEFAULT_CONTROLLER: 'true',
  ALLOW_CREDENTIALS_OVER_HTTP: 'false',
  GITCLIENT_NAME: 'Kargo',
  GITCLIENT_EMAIL: 'no-reply@kargo.io',
  GIT_PUSH_INTEGRATION_POLICY: 'AlwaysRebase',
  GITCLIENT_SIGNING_KEY_TYPE: 'gpg',
  GITHUB_PUSH_MAX_REVISIONS: '10',
  GITHUB_PUSH_VERIFY_UNTRUSTED_COMMITS: 'false',
  CACHE_BY_TAG_POLICY: 'Allow',
  MAX_IMAGE_CACHE_ENTRIES: '100000',
  IMAGE_REGISTRY_RATE_LIMIT: '20',
  MAX_OCI_PUSH_ARTIFACT_SIZE: '1073741824',
  ARGOCD_INTEGRATION_ENABLED: 'true',
  ARGOCD_NAMESPACE: 'argocd',
  ARGOCD_WATCH_ARGOCD_NAMESPACE_ONLY: 'false',
  ROLLOUTS_INTEGRATION_ENABLED: 'true',
  ROLLOUTS_CONTROLLER_INSTANCE_ID: '',
  MAX_CONCURRENT_CONTROL_FLOW_RECONCILES: '4',
  MAX_CONCURRENT_PROMOTION_RECONCILES: '4',
  MAX_CONCURRENT_STAGE_RECONCILES: '4',
  MAX_CONCURRENT_WAREHOUSE_RECONCILES: '4',
  MIN_WAREHOUSE_RECONCILIATION_INTERVAL: '5m0s',
};

/** charts/kargo/templates/management-controller/configmap.yaml with default values. */
const MANAGEMENT_CONTROLLER_ENV = {
  ...SHARED,
  EXTERNAL_WEBHOOK_SERVER_BASE_URL: 'https://localhost',
  CLUSTER_SECRETS_NAMESPACE: 'kargo-cluster-secrets',
  MAX_CONCURRENT_NAMESPACE_RECONCILES: '4',
  MAX_CONCURRENT_PROJECT_RECONCILES: '4',
  MAX_CONCURRENT_PROJECT_CONFIG_RECONCILES: '4',
  MAX_CONCURRENT_SERVICE_ACCOUNT_RECONCILES: '4',
};

const CONTROLPLANE_ACCOUNTS = ['kargo-api', 'kargo-controller', 'kargo-garbage-collector', 'kargo-management-controller'];

/** charts/kargo/templates/kubernetes-webhooks-server/configmap.yaml with default values. */
const WEBHOOKS_SERVER_ENV = {
  KARGO_NAMESPACE,
  LOG_LEVEL: 'INFO',
  LOG_FORMAT: 'CONSOLE',
  CONTROLPLANE_USER_REGEX: `^system:serviceaccount:${KARGO_NAMESPACE}:(${CONTROLPLANE_ACCOUNTS.join('|')})$`,
  MANAGEMENT_CONTROLLER_USERNAME: `system:serviceaccount:${KARGO_NAMESPACE}:kargo-management-controller`,
  EXTERNAL_WEBHOOKS_SERVER_USERNAME: `system:serviceaccount:${KARGO_NAMESPACE}:kargo-external-webhooks-server`,
  CACHE_BY_TAG_POLICY: 'Allow',
};

export const CHART_ENVIRONMENT: Record<ComponentName, Record<string, string>> = {
  controller: CONTROLLER_ENV,
  'management-controller': MANAGEMENT_CONTROLLER_ENV,
  'kubernetes-webhooks-server': WEBHOOKS_SERVER_ENV,
};
