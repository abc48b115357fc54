// Kargo roles as Kargo's API server keeps them (pkg/server/rbac): a
// ServiceAccount, a Role and a RoleBinding of the same name in the Project's
// namespace, each annotated as Kargo-managed; the OIDC claims that map users to
// the role sit in the ServiceAccount's annotations.

import type { KubeObject } from './kargo.js';

export const RBAC_MANAGED_ANNOTATION = 'rbac.kargo.akuity.io/managed';
/** JSON object of claim name → values (a value may be a string or a list). */
export const RBAC_CLAIMS_ANNOTATION = 'rbac.kargo.akuity.io/claims';
/** Older form, one annotation per claim with comma-separated values; read, then folded into the JSON one. */
export const RBAC_CLAIM_ANNOTATION_PREFIX = 'rbac.kargo.akuity.io/claim.';
export const SYSTEM_ROLE_LABEL = 'rbac.kargo.akuity.io/system-role';
export const API_TOKEN_LABEL = 'rbac.kargo.akuity.io/api-token';

export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
}

export type ServiceAccount = KubeObject;

export interface RbacRole extends KubeObject {
  rules?: PolicyRule[];
}

export interface RoleBinding extends KubeObject {
  roleRef: { apiGroup: string; kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string; apiGroup?: string }[];
}

export interface Claim {
  name: string;
  values: string[];
}

/** `rbac.kargo.akuity.io/v1alpha1` Role: how Kargo shows a role. */
export interface KargoRole extends KubeObject {
  kargoManaged?: boolean;
  claims?: Claim[];
  rules: PolicyRule[];
}

/** What a Kargo role is made of in the cluster. */
export interface RoleResources {
  serviceAccount: ServiceAccount;
  roles: RbacRole[];
  clusterRoles: RbacRole[];
  roleBindings: RoleBinding[];
}
