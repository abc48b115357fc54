// The chart's MutatingWebhookConfiguration and ValidatingWebhookConfiguration
// (charts/kargo/templates/kubernetes-webhooks-server/webhooks.yaml, v1.11.2),
// each `clientConfig.service` replaced by a URL on the local webhook server
// plus the CA the harness made.

interface WebhookFact {
  name: string;
  path: string;
  resources: string[];
  operations: string[];
  scope: 'Namespaced' | 'Cluster';
  group?: string;
  sideEffects?: 'None' | 'NoneOnDryRun';
  failurePolicy?: 'Fail' | 'Ignore';
  replicatedOnly?: boolean;
}

const KARGO_GROUP = 'kargo.akuity.io';
const CREATE_UPDATE = ['CREATE', 'UPDATE'];

const MUTATING: WebhookFact[] = [
  {
    name: 'freight.kargo.akuity.io',
    path: '/mutate-kargo-akuity-io-v1alpha1-freight',
    resources: ['freights'],
    operations: CREATE_UPDATE,
    scope: 'Namespaced',
  },
  {
    name: 'promotion.kargo.akuity.io',
    path: '/mutate-kargo-akuity-io-v1alpha1-promotion',
    resources: ['promotions'],
    operations: CREATE_UPDATE,
    scope: 'Namespaced',
  },
  { name: 'stage.kargo.akuity.io', path: '/mutate-kargo-akuity-io-v1alpha1-stage', resources: ['stages'], operations: CREATE_UPDATE, scope: 'Namespaced' },
  {
    name: 'warehouse.kargo.akuity.io',
    path: '/mutate-kargo-akuity-io-v1alpha1-warehouse',
    resources: ['warehouses'],
    operations: CREATE_UPDATE,
    scope: 'Namespaced',
  },
];

const VALIDATING: WebhookFact[] = [
  {
    name: 'clusterconfig.kargo.akuity.io',
    path: '/validate-kargo-akuity-io-v1alpha1-clusterconfig',
    resources: ['clusterconfigs'],
    operations: CREATE_UPDATE,
    scope: 'Cluster',
  },
  {
    name: 'clusterpromotiontask.kargo.akuity.io',
    path: '/validate-kargo-akuity-io-v1alpha1-clusterpromotiontask',
    resources: ['clusterpromotiontasks'],
    operations: CREATE_UPDATE,
    scope: 'Cluster',
  },
  {
    name: 'freight.kargo.akuity.io',
    path: '/validate-kargo-akuity-io-v1alpha1-freight',
    resources: ['freights', 'freights/status'],
    operations: [...CREATE_UPDATE, 'DELETE'],
    scope: 'Namespaced',
  },
  {
    name: 'project.kargo.akuity.io',
    path: '/validate-kargo-akuity-io-v1alpha1-project',
    resources: ['projects'],
    operations: CREATE_UPDATE,
    scope: 'Cluster',
    sideEffects: 'NoneOnDryRun',
  },
  {
    name: 'projectconfig.kargo.akuity.io',
    path: '/validate-kargo-akuity-io-v1alpha1-projectconfig',
    resources: ['projectconfigs'],
    operations: CREATE_UPDATE,
    scope: 'Namespaced',
    sideEffects: 'NoneOnDryRun',
  },
  {
    name: 'promotion.kargo.akuity.io',
    path: '/validate-kargo-akuity-io-v1alpha1-promotion',
    resources: ['promotions'],
    operations: [...CREATE_UPDATE, 'DELETE'],
    scope: 'Namespaced',
  },
  {
    name: 'promotiontask.kargo.akuity.io',
    path: '/validate-kargo-akuity-io-v1alpha1-promotiontask',
    resources: ['promotiontasks'],
    operations: CREATE_UPDATE,
    scope: 'Namespaced',
  },
  { name: 'stage.kargo.akuity.io', path: '/validate-kargo-akuity-io-v1alpha1-stage', resources: ['stages'], operations: CREATE_UPDATE, scope: 'Namespaced' },
  {
    name: 'warehouse.kargo.akuity.io',
    path: '/validate-kargo-akuity-io-v1alpha1-warehouse',
    resources: ['warehouses'],
    operations: CREATE_UPDATE,
    scope: 'Namespaced',
  },
  {
    name: 'replicated-resource-mutate.kargo.akuity.io',
    path: '/validate-v1-replicated-resource',
    group: '',
    resources: ['secrets', 'configmaps'],
    operations: CREATE_UPDATE,
    scope: 'Namespaced',
    replicatedOnly: true,
  },
  {
    name: 'replicated-resource-delete.kargo.akuity.io',
    path: '/validate-v1-replicated-resource',
    group: '',
    resources: ['secrets', 'configmaps'],
    operations: ['DELETE'],
    scope: 'Namespaced',
    replicatedOnly: true,
    failurePolicy: 'Ignore',
  },
];

function webhook(fact: WebhookFact, baseUrl: string, caBundle: string): Record<string, unknown> {
  const group = fact.group ?? KARGO_GROUP;
  return {
    name: fact.name,
    admissionReviewVersions: ['v1'],
    sideEffects: fact.sideEffects ?? 'None',
    clientConfig: { url: `${baseUrl}${fact.path}`, caBundle },
    rules: [
      { scope: fact.scope, apiGroups: [group], apiVersions: group === '' ? ['v1'] : ['v1alpha1'], resources: fact.resources, operations: fact.operations },
    ],
    failurePolicy: fact.failurePolicy ?? 'Fail',
    ...(fact.replicatedOnly
      ? {
          objectSelector: { matchExpressions: [{ key: 'kargo.akuity.io/replicated-from', operator: 'Exists' }] },
          namespaceSelector: { matchExpressions: [{ key: 'kargo.akuity.io/project', operator: 'Exists' }] },
        }
      : {}),
  };
}

export interface WebhookConfigurations {
  mutating: Record<string, unknown>;
  validating: Record<string, unknown>;
}

/** Both configurations, named `kargo` as in the chart, calling `baseUrl` (https://127.0.0.1:port). */
export function webhookConfigurations(baseUrl: string, caCertPem: string): WebhookConfigurations {
  const caBundle = Buffer.from(caCertPem).toString('base64');
  const configuration = (kind: string, facts: WebhookFact[]) => ({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    metadata: { name: 'kargo' },
    webhooks: facts.map((fact) => webhook(fact, baseUrl, caBundle)),
  });
  return {
    mutating: configuration('MutatingWebhookConfiguration', MUTATING),
    validating: configuration('ValidatingWebhookConfiguration', VALIDATING),
  };
}
