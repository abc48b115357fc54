// authorization.k8s.io SelfSubjectAccessReview / SelfSubjectRulesReview and
// authentication.k8s.io SelfSubjectReview: answered from the caller's identity, never stored.

import type { RbacAuthorizer } from './rbac.js';
import { RBAC_KEYS } from './rbac.js';
import type { ObjectStore } from './storage.js';
import { ApiError } from './status.js';
import { isJsonObject, type JsonObject, type UserIdentity } from './types.js';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function selfSubjectAccessReview(authorizer: RbacAuthorizer, user: UserIdentity, review: JsonObject): JsonObject {
  const spec = isJsonObject(review.spec) ? review.spec : {};
  const attributes = isJsonObject(spec.resourceAttributes) ? spec.resourceAttributes : undefined;
  const nonResource = isJsonObject(spec.nonResourceAttributes) ? spec.nonResourceAttributes : undefined;
  if (!attributes === !nonResource) {
    const message = 'Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified';
    throw new ApiError(422, 'Invalid', `.authorization.k8s.io "" is invalid: spec.resourceAttributes: ${message}`, {
      group: 'authorization.k8s.io',
      causes: [{ reason: 'FieldValueInvalid', message, field: 'spec.resourceAttributes' }],
    });
  }
  let status: JsonObject;
  if (attributes) {
    const decision = authorizer.authorize(user, {
      verb: text(attributes.verb) ?? '',
      group: text(attributes.group) ?? '',
      resource: text(attributes.resource) ?? '',
      ...(text(attributes.subresource) ? { subresource: text(attributes.subresource) } : {}),
      ...(text(attributes.name) ? { name: text(attributes.name) } : {}),
      ...(text(attributes.namespace) ? { namespace: text(attributes.namespace) } : {}),
    });
    status = { allowed: decision.allowed };
    if (decision.reason) status.reason = decision.reason;
  } else {
    status = { allowed: true };
  }
  return { kind: 'SelfSubjectAccessReview', apiVersion: 'authorization.k8s.io/v1', metadata: { creationTimestamp: null }, spec, status };
}

export function selfSubjectReview(user: UserIdentity): JsonObject {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: null },
    status: { userInfo: { username: user.name, groups: user.groups } },
  };
}

/** The rules that apply to the caller in one namespace (what `kubectl auth can-i --list` shows). */
export function selfSubjectRulesReview(store: ObjectStore, user: UserIdentity, review: JsonObject): JsonObject {
  const spec = isJsonObject(review.spec) ? review.spec : {};
  const namespace = text(spec.namespace);
  const resourceRules: JsonObject[] = [];
  if (user.groups.includes('system:masters')) resourceRules.push({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] });
  const binds = (subjects: unknown): boolean =>
    Array.isArray(subjects) &&
    subjects
      .filter(isJsonObject)
      .some((subject) => (subject.kind === 'User' && subject.name === user.name) || (subject.kind === 'Group' && user.groups.includes(String(subject.name))));
  const rulesOf = (roleRef: unknown, bindingNamespace?: string): JsonObject[] => {
    if (!isJsonObject(roleRef)) return [];
    const role =
      roleRef.kind === 'ClusterRole'
        ? store.get(RBAC_KEYS.clusterRole, undefined, String(roleRef.name))
        : bindingNamespace
          ? store.get(RBAC_KEYS.role, bindingNamespace, String(roleRef.name))
          : undefined;
    return Array.isArray(role?.rules) ? role.rules.filter(isJsonObject) : [];
  };
  for (const binding of store.list(RBAC_KEYS.clusterRoleBinding)) if (binds(binding.subjects)) resourceRules.push(...rulesOf(binding.roleRef));
  if (namespace)
    for (const binding of store.list(RBAC_KEYS.roleBinding, namespace)) if (binds(binding.subjects)) resourceRules.push(...rulesOf(binding.roleRef, namespace));
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    metadata: { creationTimestamp: null },
    spec,
    status: {
      resourceRules,
      nonResourceRules: [
        {
          verbs: ['get'],
          nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/readyz', '/openapi', '/openapi/*', '/version', '/version/'],
        },
      ],
      incomplete: false,
    },
  };
}
