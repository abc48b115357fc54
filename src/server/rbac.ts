// RBAC authorization over Role/RoleBinding/ClusterRole/ClusterRoleBinding objects
// held in the store, with system:masters as the superuser group.

import { ApiError, groupResource } from './status.js';
import type { ObjectStore } from './storage.js';
import { isJsonObject, type JsonObject, type StoredObject, type UserIdentity } from './types.js';

export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  name?: string;
  namespace?: string;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

export const RBAC_KEYS = {
  role: 'roles.rbac.authorization.k8s.io',
  roleBinding: 'rolebindings.rbac.authorization.k8s.io',
  clusterRole: 'clusterroles.rbac.authorization.k8s.io',
  clusterRoleBinding: 'clusterrolebindings.rbac.authorization.k8s.io',
} as const;

const SUPERUSER_GROUP = 'system:masters';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function subjectMatches(subject: JsonObject, user: UserIdentity, bindingNamespace: string | undefined): boolean {
  switch (subject.kind) {
    case 'User':
      return subject.name === user.name;
    case 'Group':
      return typeof subject.name === 'string' && user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = typeof subject.namespace === 'string' && subject.namespace ? subject.namespace : bindingNamespace;
      return user.name === `system:serviceaccount:${namespace ?? ''}:${String(subject.name)}`;
    }
    default:
      return false;
  }
}

function resourceMatches(rule: JsonObject, attributes: Attributes): boolean {
  const resources = strings(rule.resources);
  const combined = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  return resources.some((resource) => {
    if (resource === '*' || resource === combined) return true;
    if (!attributes.subresource) return false;
    return resource === `${attributes.resource}/*` || resource === `*/${attributes.subresource}`;
  });
}

export function ruleAllows(rule: JsonObject, attributes: Attributes): boolean {
  const verbs = strings(rule.verbs);
  if (!verbs.includes('*') && !verbs.includes(attributes.verb)) return false;
  const groups = strings(rule.apiGroups);
  if (!groups.includes('*') && !groups.includes(attributes.group)) return false;
  if (!resourceMatches(rule, attributes)) return false;
  const names = strings(rule.resourceNames);
  return names.length === 0 || (attributes.name !== undefined && names.includes(attributes.name));
}

export class RbacAuthorizer {
  constructor(private readonly store: ObjectStore) {}

  authorize(user: UserIdentity, attributes: Attributes): Decision {
    if (user.groups.includes(SUPERUSER_GROUP)) return { allowed: true, reason: '' };
    for (const binding of this.store.list(RBAC_KEYS.clusterRoleBinding)) {
      if (!this.bindsUser(binding, user)) continue;
      const rules = this.rulesOf(binding, undefined);
      if (rules.some((rule) => ruleAllows(rule, attributes))) {
        return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "${binding.metadata.name}"` };
      }
    }
    if (attributes.namespace) {
      for (const binding of this.store.list(RBAC_KEYS.roleBinding, attributes.namespace)) {
        if (!this.bindsUser(binding, user)) continue;
        const rules = this.rulesOf(binding, attributes.namespace);
        if (rules.some((rule) => ruleAllows(rule, attributes))) {
          return { allowed: true, reason: `RBAC: allowed by RoleBinding "${binding.metadata.name}/${attributes.namespace}"` };
        }
      }
    }
    return { allowed: false, reason: '' };
  }

  private bindsUser(binding: StoredObject, user: UserIdentity): boolean {
    const subjects = Array.isArray(binding.subjects) ? binding.subjects.filter(isJsonObject) : [];
    return subjects.some((subject) => subjectMatches(subject, user, binding.metadata.namespace));
  }

  private rulesOf(binding: StoredObject, namespace: string | undefined): JsonObject[] {
    const roleRef = isJsonObject(binding.roleRef) ? binding.roleRef : {};
    const name = typeof roleRef.name === 'string' ? roleRef.name : '';
    const role =
      roleRef.kind === 'ClusterRole'
        ? this.store.get(RBAC_KEYS.clusterRole, undefined, name)
        : roleRef.kind === 'Role' && namespace
          ? this.store.get(RBAC_KEYS.role, namespace, name)
          : undefined;
    return Array.isArray(role?.rules) ? role.rules.filter(isJsonObject) : [];
  }
}

/** Kubernetes' 403 wording, e.g. `User "alice" cannot create resource "promotions" in API group "kargo.akuity.io" in the namespace "x"`. */
export function forbidden(user: UserIdentity, attributes: Attributes, reason = ''): ApiError {
  const qualified = groupResource(attributes.group, attributes.resource);
  const subject = attributes.name ? `${qualified} "${attributes.name}"` : qualified;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${user.name}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.group}" ${scope}${reason ? `: ${reason}` : ''}`;
  const details: { name?: string; group: string; kind: string } = { group: attributes.group, kind: attributes.resource };
  if (attributes.name) details.name = attributes.name;
  return new ApiError(403, 'Forbidden', message, details);
}
