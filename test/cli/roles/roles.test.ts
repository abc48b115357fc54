// Kargo roles in-process against the embedded server: the ServiceAccount, Role
// and RoleBinding Kargo's API server would write (names, managed annotations,
// claims annotation, normalized rules), and its refusals.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeClient } from '../../../src/kube/client.js';
import { coreResources } from '../../../src/kube/core-resources.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { resources } from '../../../src/kube/resources.js';
import type { KargoRole, RbacRole, RoleBinding, ServiceAccount } from '../../../src/model/rbac.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { captureStream, isolatedHome, parseTable, runKargo } from '../support/run-kargo.js';

const PROJECT = 'shop';
const MANAGED = { 'rbac.kargo.akuity.io/managed': 'true' };
let cluster: TestCluster;
let admin: KubeClient;
let env: Record<string, string>;

const kargo = (argv: string[]) => runKargo(argv, { env });

beforeAll(async () => {
  cluster = await startTestCluster({ crds: false });
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROJECT } });
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath, KARGO_PROJECT: PROJECT };
});

afterAll(async () => {
  await cluster?.close();
});

describe('Kargo roles', () => {
  it('create role writes the three managed objects, claims in the JSON annotation', async () => {
    const result = await kargo(['create', 'role', 'developers', '--claim', 'groups=devs', '--claim=email=alice@example.com', '--description=the dev team']);
    expect(result).toMatchObject({ code: 0, stdout: 'role.rbac.kargo.akuity.io/developers created\n', stderr: '' });
    const account = await admin.get<ServiceAccount>(coreResources.serviceAccount, 'developers', PROJECT);
    expect(account.metadata.annotations).toEqual({
      ...MANAGED,
      'kargo.akuity.io/description': 'the dev team',
      'rbac.kargo.akuity.io/claims': '{"email":["alice@example.com"],"groups":["devs"]}',
    });
    const binding = await admin.get<RoleBinding>(coreResources.roleBinding, 'developers', PROJECT);
    expect(binding.metadata.annotations).toEqual(MANAGED);
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'developers' });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', namespace: PROJECT, name: 'developers' }]);
    expect((await admin.get<RbacRole>(coreResources.role, 'developers', PROJECT)).metadata.annotations).toEqual(MANAGED);
    const again = await kargo(['create', 'role', 'developers']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('ServiceAccount "developers" already exists');
  });

  it('grant adds normalized rules (* expands, promote for stages) and claims', async () => {
    expect(await kargo(['grant', '--role=developers', '--verb=get,list', '--resource-type=stages'])).toMatchObject({
      code: 0,
      stdout: 'role.rbac.kargo.akuity.io/developers updated\n',
    });
    await kargo(['grant', '--role=developers', '--verb=promote', '--resource-type=stages', '--resource-name=dev']);
    await kargo(['grant', '--role=developers', '--verb=*', '--resource-type=freights']);
    await kargo(['grant', '--role=developers', '--claim=groups=qa,testers']);
    const role = await admin.get<RbacRole>(coreResources.role, 'developers', PROJECT);
    expect(role.rules).toEqual([
      {
        apiGroups: ['kargo.akuity.io'],
        resources: ['freights'],
        verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      },
      { apiGroups: ['kargo.akuity.io'], resources: ['stages'], verbs: ['get', 'list'] },
      { apiGroups: ['kargo.akuity.io'], resources: ['stages'], resourceNames: ['dev'], verbs: ['promote'] },
    ]);
    const shown = parse((await kargo(['get', 'role', 'developers', '-o', 'yaml'])).stdout) as KargoRole;
    expect(shown).toMatchObject({
      apiVersion: 'rbac.kargo.akuity.io/v1alpha1',
      kind: 'Role',
      kargoManaged: true,
      claims: [
        { name: 'email', values: ['alice@example.com'] },
        { name: 'groups', values: ['devs', 'qa', 'testers'] },
      ],
    });
    expect(shown.rules).toHaveLength(3);
  });

  it('revoke removes verbs and claims', async () => {
    await kargo(['revoke', '--role=developers', '--verb=list', '--resource-type=stages']);
    await kargo(['revoke', '--role=developers', '--verb=*', '--resource-type=freights']);
    await kargo(['revoke', '--role=developers', '--claim=groups=devs']);
    const role = await admin.get<RbacRole>(coreResources.role, 'developers', PROJECT);
    expect(role.rules).toEqual([
      { apiGroups: ['kargo.akuity.io'], resources: ['stages'], verbs: ['get'] },
      { apiGroups: ['kargo.akuity.io'], resources: ['stages'], resourceNames: ['dev'], verbs: ['promote'] },
    ]);
    const account = await admin.get<ServiceAccount>(coreResources.serviceAccount, 'developers', PROJECT);
    expect(account.metadata.annotations?.['rbac.kargo.akuity.io/claims']).toBe('{"email":["alice@example.com"],"groups":["qa","testers"]}');
  });

  it('lists roles, managed or not, and the Kubernetes objects behind them', async () => {
    await admin.create(coreResources.serviceAccount, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ci-bot' } }, PROJECT);
    const listed = await kargo(['get', 'roles']);
    expect(parseTable(listed.stdout).map((row) => row.slice(0, 2))).toEqual([
      ['NAME', 'KARGO MANAGED'],
      ['ci-bot', 'false'],
      ['developers', 'true'],
    ]);
    const objects = await kargo(['get', 'roles', 'developers', '-k']);
    expect(parseTable(objects.stdout)[1]?.slice(0, 4)).toEqual(['developers', 'developers', 'developers', 'developers']);
  });

  it("refuses what Kargo refuses, with Kargo's words", async () => {
    const unmanaged = await kargo(['grant', '--role=ci-bot', '--verb=get', '--resource-type=stages']);
    expect(unmanaged.code).toBe(8);
    expect(unmanaged.stderr).toContain('ServiceAccount "ci-bot" in namespace "shop" is not annotated as Kargo-managed');
    const singular = await kargo(['grant', '--role=developers', '--verb=get', '--resource-type=stage']);
    expect(singular.code).toBe(2);
    expect(singular.stderr).toContain('unrecognized resource type "stage"; did you mean "stages"?');
    const mixed = await kargo(['grant', '--role=developers', '--claim=groups=x', '--verb=get']);
    expect(mixed.code).toBe(2);
    const badClaim = await kargo(['create', 'role', 'x', '--claim=novalue']);
    expect(badClaim.code).toBe(2);
    const missing = await kargo(['get', 'role', 'nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('role "nope" not found in namespace "shop"');
  });

  it('delete role removes the three objects, and only managed roles', async () => {
    expect(await kargo(['delete', 'role', 'developers'])).toMatchObject({ code: 0, stdout: 'role.rbac.kargo.akuity.io/developers deleted\n' });
    for (const type of [coreResources.serviceAccount, coreResources.role, coreResources.roleBinding]) {
      await expect(admin.get(type, 'developers', PROJECT)).rejects.toMatchObject({ code: 404 });
    }
    expect((await kargo(['delete', 'role', 'ci-bot'])).code).toBe(8);
  });
});
