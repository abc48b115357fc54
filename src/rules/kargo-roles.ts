// Kargo roles from and to their Kubernetes objects, as pkg/server/rbac/roles.go
// does it: the claims annotation (read in both its forms, written in the JSON
// one), whether Kargo manages the role, and the objects a new role is made of.

import { DESCRIPTION_ANNOTATION } from '../model/annotations.js';
import type { ObjectMeta } from '../model/kargo.js';
import {
  type Claim,
  type KargoRole,
  RBAC_CLAIM_ANNOTATION_PREFIX,
  RBAC_CLAIMS_ANNOTATION,
  RBAC_MANAGED_ANNOTATION,
  type RbacRole,
  type RoleBinding,
  type RoleResources,
  type ServiceAccount,
} from '../model/rbac.js';
import { normalizePolicyRules } from './policy-rules.js';

export type ClaimMap = Record<string, string[]>;

const sortedUnique = (values: string[]): string[] => [...new Set(values)].sort();

export function claimsOf(annotations: Record<string, string> | undefined): ClaimMap {
  const claims: ClaimMap = {};
  const json = annotations?.[RBAC_CLAIMS_ANNOTATION];
  if (json) {
    for (const [name, value] of Object.entries(JSON.parse(json) as Record<string, string | string[]>)) {
      claims[name] = Array.isArray(value) ? value : [value];
    }
  }
  for (const [key, value] of Object.entries(annotations ?? {})) {
    if (!key.startsWith(RBAC_CLAIM_ANNOTATION_PREFIX)) continue;
    const name = key.slice(RBAC_CLAIM_ANNOTATION_PREFIX.length);
    claims[name] = [...(claims[name] ?? []), ...value.split(',').map((part) => part.trim())];
  }
  for (const name of Object.keys(claims)) claims[name] = sortedUnique(claims[name] ?? []);
  return claims;
}

/** The annotations with the claims in Kargo's JSON form and the one-per-claim form gone. */
export function withClaims(annotations: Record<string, string> | undefined, claims: ClaimMap): Record<string, string> {
  const next = Object.fromEntries(Object.entries(annotations ?? {}).filter(([key]) => !key.startsWith(RBAC_CLAIM_ANNOTATION_PREFIX)));
  const sorted = Object.fromEntries(
    Object.keys(claims)
      .sort()
      .map((name) => [name, claims[name] ?? []]),
  );
  next[RBAC_CLAIMS_ANNOTATION] = JSON.stringify(sorted);
  return next;
}

export function claimMapOf(claims: readonly Claim[]): ClaimMap {
  const map: ClaimMap = {};
  for (const claim of claims) map[claim.name] = sortedUnique([...(map[claim.name] ?? []), ...claim.values]);
  return map;
}

export function amendClaims(existing: ClaimMap, added: ClaimMap): ClaimMap {
  const next = { ...existing };
  for (const [name, values] of Object.entries(added)) next[name] = sortedUnique([...(next[name] ?? []), ...values]);
  return next;
}

export function dropClaims(existing: ClaimMap, dropped: ClaimMap): ClaimMap {
  const next = { ...existing };
  for (const [name, values] of Object.entries(dropped)) {
    const left = (next[name] ?? []).filter((value) => !values.includes(value));
    if (left.length === 0) delete next[name];
    else next[name] = left;
  }
  return next;
}

export function isKargoManaged(metadata: ObjectMeta): boolean {
  return metadata.annotations?.[RBAC_MANAGED_ANNOTATION] === 'true';
}

/** Kargo's ResourcesToRole. */
export function toKargoRole(resources: RoleResources): KargoRole {
  const account = resources.serviceAccount.metadata;
  const managed =
    isKargoManaged(account) &&
    (resources.roles.length === 0 || (resources.roles.length === 1 && isKargoManaged(resources.roles[0]?.metadata ?? {}))) &&
    (resources.roleBindings.length === 0 || (resources.roleBindings.length === 1 && isKargoManaged(resources.roleBindings[0]?.metadata ?? {})));
  const description = account.annotations?.[DESCRIPTION_ANNOTATION];
  const claims = claimsOf(account.annotations);
  const rules = [...resources.roles, ...resources.clusterRoles].flatMap((role) => role.rules ?? []);
  return {
    apiVersion: 'rbac.kargo.akuity.io/v1alpha1',
    kind: 'Role',
    metadata: {
      name: account.name ?? '',
      namespace: account.namespace ?? '',
      ...(account.creationTimestamp ? { creationTimestamp: account.creationTimestamp } : {}),
      ...(description !== undefined ? { annotations: { [DESCRIPTION_ANNOTATION]: description } } : {}),
    },
    ...(managed ? { kargoManaged: true } : {}),
    ...(Object.keys(claims).length > 0
      ? {
          claims: Object.keys(claims)
            .sort()
            .map((name) => ({ name, values: claims[name] ?? [] })),
        }
      : {}),
    rules: managed ? normalizePolicyRules(rules) : rules,
  };
}

/** Kargo's manageableResources: why kargo may not change this role, or its Role and RoleBinding (either may be missing). */
export function manageable(resources: RoleResources): { problem: string } | { role?: RbacRole; roleBinding?: RoleBinding } {
  const { name = '', namespace = '' } = resources.serviceAccount.metadata;
  if (resources.clusterRoles.length > 0) return { problem: `ServiceAccount "${name}" in namespace "${namespace}" is bound to one or more ClusterRoles` };
  if (!isKargoManaged(resources.serviceAccount.metadata))
    return { problem: `ServiceAccount "${name}" in namespace "${namespace}" is not annotated as Kargo-managed` };
  if (resources.roles.length > 1) return { problem: `multiple Roles associated with ServiceAccount "${name}" in namespace "${namespace}"` };
  const role = resources.roles[0];
  if (role && !isKargoManaged(role.metadata))
    return { problem: `Role "${role.metadata.name ?? ''}" in namespace "${namespace}" is not annotated as Kargo-managed` };
  if (resources.roleBindings.length > 1) return { problem: `multiple RoleBindings associated with ServiceAccount "${name}" in namespace "${namespace}"` };
  const roleBinding = resources.roleBindings[0];
  if (roleBinding && !isKargoManaged(roleBinding.metadata)) {
    return { problem: `RoleBinding "${roleBinding.metadata.name ?? ''}" in namespace "${namespace}" is not annotated as Kargo-managed` };
  }
  return { ...(role ? { role } : {}), ...(roleBinding ? { roleBinding } : {}) };
}

const managedMeta = (namespace: string, name: string): ObjectMeta => ({ name, namespace, annotations: { [RBAC_MANAGED_ANNOTATION]: 'true' } });

export function newServiceAccount(namespace: string, name: string): ServiceAccount {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: managedMeta(namespace, name) };
}

export function newRole(namespace: string, name: string): RbacRole {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: managedMeta(namespace, name), rules: [] };
}

export function newRoleBinding(namespace: string, name: string): RoleBinding {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: managedMeta(namespace, name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', namespace, name }],
  };
}
