// Kargo roles in a project, read and written as Kargo's API server does it
// (pkg/server/rbac/roles.go): the role is the ServiceAccount; its rules come
// from the Roles bound to it. kargo acts with the user's own credentials, so
// Kubernetes' RBAC refuses a Role granting more than the user holds (Kargo's
// server makes that check itself, as it acts with its own).

import type { KubeClient } from '../../kube/client.js';
import { coreResources } from '../../kube/core-resources.js';
import { KubeApiError } from '../../kube/errors.js';
import { DESCRIPTION_ANNOTATION } from '../../model/annotations.js';
import type { KargoRole, RbacRole, RoleBinding, RoleResources, ServiceAccount } from '../../model/rbac.js';
import { SYSTEM_ROLE_LABEL } from '../../model/rbac.js';
import { manageable, newRole, newRoleBinding, newServiceAccount, toKargoRole, withClaims, type ClaimMap } from '../../rules/kargo-roles.js';
import { Failure } from '../../runtime/failure.js';

export type RoleScope = { kind: 'project'; namespace: string } | { kind: 'system'; namespace: string };

export function roleNotFound(namespace: string, name: string): Failure {
  return new Failure('not-found', `role "${name}" not found in namespace "${namespace}"`, `List roles with \`kargo get roles -p ${namespace}\`.`);
}

export async function readRoleResources(client: KubeClient, scope: RoleScope, name: string): Promise<RoleResources> {
  const { namespace } = scope;
  let serviceAccount: ServiceAccount;
  try {
    serviceAccount = await client.get<ServiceAccount>(coreResources.serviceAccount, name, namespace);
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) throw roleNotFound(namespace, name);
    throw error;
  }
  if (scope.kind === 'system' && serviceAccount.metadata.labels?.[SYSTEM_ROLE_LABEL] !== 'true') throw roleNotFound(namespace, name);
  const bindings = (await client.list<RoleBinding>(coreResources.roleBinding, namespace)).items.filter((binding) =>
    (binding.subjects ?? []).some((subject) => subject.kind === 'ServiceAccount' && subject.namespace === namespace && subject.name === name),
  );
  const roles: RbacRole[] = [];
  const clusterRoles: RbacRole[] = [];
  for (const binding of bindings) {
    if (binding.roleRef.kind === 'Role') roles.push(await client.get<RbacRole>(coreResources.role, binding.roleRef.name, namespace));
    else clusterRoles.push(await client.get<RbacRole>(coreResources.clusterRole, binding.roleRef.name));
  }
  return { serviceAccount, roles, clusterRoles, roleBindings: bindings };
}

export async function listRoleResources(client: KubeClient, scope: RoleScope): Promise<RoleResources[]> {
  const { items } = await client.list<ServiceAccount>(
    coreResources.serviceAccount,
    scope.namespace,
    scope.kind === 'system' ? { labelSelector: `${SYSTEM_ROLE_LABEL}=true` } : {},
  );
  const names = items.map((account) => account.metadata.name ?? '').sort();
  return Promise.all(names.map((name) => readRoleResources(client, scope, name)));
}

export async function getRole(client: KubeClient, scope: RoleScope, name: string): Promise<KargoRole> {
  return toKargoRole(await readRoleResources(client, scope, name));
}

/** Kargo's Create: refuses a name any of the three objects already has; the Role starts without rules. */
export async function createRole(client: KubeClient, namespace: string, name: string, claims: ClaimMap, description?: string): Promise<KargoRole> {
  const objects = [
    [coreResources.serviceAccount, 'ServiceAccount'],
    [coreResources.role, 'Role'],
    [coreResources.roleBinding, 'RoleBinding'],
  ] as const;
  for (const [type, kind] of objects) {
    try {
      await client.get(type, name, namespace);
      throw new Failure(
        'conflict',
        `${kind} "${name}" already exists in namespace "${namespace}"`,
        'Pick another name, or change the role with `kargo grant`.',
      );
    } catch (error) {
      if (!(error instanceof KubeApiError && error.code === 404)) throw error;
    }
  }
  const account = newServiceAccount(namespace, name);
  account.metadata.annotations = withClaims({ ...account.metadata.annotations, ...(description ? { [DESCRIPTION_ANNOTATION]: description } : {}) }, claims);
  await client.create(coreResources.serviceAccount, account, namespace);
  await client.create(coreResources.roleBinding, newRoleBinding(namespace, name), namespace);
  await client.create(coreResources.role, newRole(namespace, name), namespace);
  return getRole(client, { kind: 'project', namespace }, name);
}

export async function deleteRole(client: KubeClient, namespace: string, name: string): Promise<void> {
  const resources = await readRoleResources(client, { kind: 'project', namespace }, name);
  const { role, roleBinding } = manageableOrFail(resources);
  if (role) await client.delete(coreResources.role, role.metadata.name ?? '', namespace);
  if (roleBinding) await client.delete(coreResources.roleBinding, roleBinding.metadata.name ?? '', namespace);
  await client.delete(coreResources.serviceAccount, name, namespace);
}

export function manageableOrFail(resources: RoleResources): { role?: RbacRole; roleBinding?: RoleBinding } {
  const result = manageable(resources);
  if ('problem' in result) throw new Failure('refused', result.problem, 'Kargo changes only the roles it manages; change this one with kubectl.');
  return result;
}
