// Checks the tier itself: the real apiserver is up with Kargo's CRDs, declared
// users authenticate, RBAC denies until a Role is bound, unknown tokens get 401.

import { beforeEach, describe, expect, it } from 'vitest';
import { adminKubeconfigPath, freshNamespace, rawRequest, realApi, unknownTokenKubeconfigPath, userKubeconfigPath } from './cluster.js';

interface Status {
  kind: string;
  code: number;
  reason: string;
  message: string;
}

const stagesPath = (namespace: string): string => `/apis/kargo.akuity.io/v1alpha1/namespaces/${namespace}/stages`;

describe('kube-testenv', () => {
  let namespace: string;
  beforeEach(async () => {
    namespace = await freshNamespace({ kargoProject: true });
  });

  it('serves the stamped Kubernetes version', async () => {
    const response = await rawRequest(adminKubeconfigPath(), 'GET', '/version');
    expect(response.status).toBe(200);
    const { gitVersion } = response.json<{ gitVersion: string }>();
    expect(gitVersion).toBe(realApi().version);
    expect(gitVersion).toMatch(/^v1\.\d+\.\d+$/);
  });

  it.each([
    ['kargo.akuity.io/v1alpha1', ['stages', 'freights', 'promotions', 'warehouses', 'projects', 'promotiontasks']],
    ['argoproj.io/v1alpha1', ['analysisruns', 'analysistemplates', 'clusteranalysistemplates', 'applications']],
  ])('serves the CRDs of %s', async (groupVersion, plurals) => {
    const response = await rawRequest(adminKubeconfigPath(), 'GET', `/apis/${groupVersion}`);
    expect(response.status).toBe(200);
    const names = response.json<{ resources: { name: string }[] }>().resources.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(plurals));
  });

  it('rejects unknown fields under fieldValidation=Strict with Kargo’s real schema', async () => {
    const stage = {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Stage',
      metadata: { name: 'test' },
      spec: { requestedFreight: [], notAKargoField: true },
    };
    const response = await rawRequest(adminKubeconfigPath(), 'POST', `${stagesPath(namespace)}?fieldValidation=Strict`, stage);
    expect(response.status).toBe(400);
    expect(response.json<Status>().message).toContain('unknown field "spec.notAKargoField"');
  });

  it('denies a declared user without bindings with a real 403', async () => {
    const response = await rawRequest(userKubeconfigPath('alice'), 'GET', stagesPath(namespace));
    expect(response.status).toBe(403);
    const status = response.json<Status>();
    expect(status.reason).toBe('Forbidden');
    expect(status.message).toContain(`User "alice" cannot list resource "stages" in API group "kargo.akuity.io" in the namespace "${namespace}"`);
  });

  it('allows a user once a Role is bound to it, and only in that namespace', async () => {
    await bindRole(namespace, { kind: 'User', name: 'bob' }, ['get', 'list']);
    expect((await rawRequest(userKubeconfigPath('bob'), 'GET', stagesPath(namespace))).status).toBe(200);
    const elsewhere = await freshNamespace({ kargoProject: true });
    expect((await rawRequest(userKubeconfigPath('bob'), 'GET', stagesPath(elsewhere))).status).toBe(403);
  });

  it('authorizes through the groups a user was declared with', async () => {
    await bindRole(namespace, { kind: 'Group', name: 'kargo-viewers' }, ['list']);
    expect((await rawRequest(userKubeconfigPath('erin', ['kargo-viewers']), 'GET', stagesPath(namespace))).status).toBe(200);
    expect((await rawRequest(userKubeconfigPath('carol'), 'GET', stagesPath(namespace))).status).toBe(403);
  });

  it('answers an unknown token with 401 Unauthorized', async () => {
    const response = await rawRequest(unknownTokenKubeconfigPath(), 'GET', stagesPath(namespace));
    expect(response.status).toBe(401);
    expect(response.json<Status>().reason).toBe('Unauthorized');
  });
});

async function bindRole(namespace: string, subject: { kind: 'User' | 'Group'; name: string }, verbs: string[]): Promise<void> {
  const admin = adminKubeconfigPath();
  const name = `stages-${verbs.join('-')}`;
  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name },
    rules: [{ apiGroups: ['kargo.akuity.io'], resources: ['stages'], verbs }],
  };
  const binding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `${name}-${subject.name}` },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', ...subject }],
  };
  const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}`;
  expect((await rawRequest(admin, 'POST', `${rbac}/roles`, role)).status).toBe(201);
  expect((await rawRequest(admin, 'POST', `${rbac}/rolebindings`, binding)).status).toBe(201);
}
