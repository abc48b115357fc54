// `kargo grant` and `kargo revoke`: claims added to or dropped from a role's
// ServiceAccount, or verbs on a resource type added to or removed from its Role
// (created, with its RoleBinding, when the role has none yet), as Kargo's
// GrantRoleToUsers / GrantPermissionsToRole and their Revoke twins do.

import type { KubeClient } from '../../kube/client.js';
import { coreResources } from '../../kube/core-resources.js';
import type { KargoRole, PolicyRule, RbacRole } from '../../model/rbac.js';
import { amendClaims, type ClaimMap, claimsOf, dropClaims, newRole, newRoleBinding, toKargoRole, withClaims } from '../../rules/kargo-roles.js';
import { normalizePolicyRules, resourceTypeProblem, revokeFromRules } from '../../rules/policy-rules.js';
import { Failure } from '../../runtime/failure.js';
import { groupOfResource } from './resource-groups.js';
import { manageableOrFail, readRoleResources } from './roles.js';

export interface Permission {
  resourceType: string;
  resourceName?: string;
  verbs: string[];
}

export async function changeRoleClaims(client: KubeClient, namespace: string, name: string, claims: ClaimMap, change: 'grant' | 'revoke'): Promise<KargoRole> {
  const resources = await readRoleResources(client, { kind: 'project', namespace }, name);
  manageableOrFail(resources);
  const account = resources.serviceAccount;
  const existing = claimsOf(account.metadata.annotations);
  const next = change === 'grant' ? amendClaims(existing, claims) : dropClaims(existing, claims);
  resources.serviceAccount = await client.update(
    coreResources.serviceAccount,
    { ...account, metadata: { ...account.metadata, annotations: withClaims(account.metadata.annotations, next) } },
    namespace,
  );
  return toKargoRole(resources);
}

export async function changeRolePermissions(
  client: KubeClient,
  namespace: string,
  name: string,
  permission: Permission,
  change: 'grant' | 'revoke',
): Promise<KargoRole> {
  const resources = await readRoleResources(client, { kind: 'project', namespace }, name);
  const { role, roleBinding } = manageableOrFail(resources);
  const problem = resourceTypeProblem(permission.resourceType);
  if (problem) throw new Failure('usage', problem);
  const group = groupOfResource(permission.resourceType);
  if (change === 'revoke') {
    if (!role) return toKargoRole(resources);
    const rules = revokeFromRules(role.rules ?? [], group, permission.resourceType, permission.resourceName ?? '', permission.verbs);
    resources.roles = [await client.update<RbacRole>(coreResources.role, { ...role, rules }, namespace)];
    return toKargoRole(resources);
  }
  const rule: PolicyRule = {
    apiGroups: [group],
    resources: [permission.resourceType],
    ...(permission.resourceName ? { resourceNames: [permission.resourceName] } : {}),
    verbs: permission.verbs,
  };
  const base = role ?? newRole(namespace, name);
  const next: RbacRole = { ...base, rules: normalizePolicyRules([...(base.rules ?? []), rule], true) };
  resources.roles = [
    role ? await client.update<RbacRole>(coreResources.role, next, namespace) : await client.create<RbacRole>(coreResources.role, next, namespace),
  ];
  if (!roleBinding) resources.roleBindings = [await client.create(coreResources.roleBinding, newRoleBinding(namespace, name), namespace)];
  return toKargoRole(resources);
}
