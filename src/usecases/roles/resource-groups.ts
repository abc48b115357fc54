// The API group of a resource type named in `kargo grant|revoke
// --resource-type`. Kargo's API server asks its REST mapper; kargo knows the
// kinds a Kargo project's roles are about (Kargo's, Argo Rollouts' analysis
// kinds, and the core kinds Kargo manages for a project).

import { Failure } from '../../runtime/failure.js';

const GROUPS: Readonly<Record<string, string>> = {
  freights: 'kargo.akuity.io',
  projects: 'kargo.akuity.io',
  projectconfigs: 'kargo.akuity.io',
  promotions: 'kargo.akuity.io',
  promotiontasks: 'kargo.akuity.io',
  stages: 'kargo.akuity.io',
  warehouses: 'kargo.akuity.io',
  analysisruns: 'argoproj.io',
  analysistemplates: 'argoproj.io',
  configmaps: '',
  events: '',
  secrets: '',
  serviceaccounts: '',
  rolebindings: 'rbac.authorization.k8s.io',
  roles: 'rbac.authorization.k8s.io',
};

export function groupOfResource(resource: string): string {
  const base = resource.split('/', 1)[0] ?? '';
  const group = GROUPS[base];
  if (group === undefined) {
    throw new Failure('usage', `unrecognized resource type "${resource}"`, `Kargo roles are about: ${Object.keys(GROUPS).join(', ')}.`);
  }
  return group;
}
