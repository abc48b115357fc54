// Kargo's normalization of RBAC policy rules (pkg/server/rbac/policy_rules.go):
// one rule per API group, resource and resource name, verbs sorted and
// de-duplicated, `*` expanded to every verb (plus `promote` for stages when
// custom verbs are included), rules sorted by `group/resource[/name]`.

import type { PolicyRule } from '../model/rbac.js';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function allVerbsFor(resource: string, includeCustom: boolean): string[] {
  return includeCustom && resource === 'stages' ? [...ALL_VERBS, 'promote'].sort() : ALL_VERBS;
}

export function ruleKey(group: string, resource: string, resourceName: string): string {
  return [group.trim() || 'core', resource.trim(), ...(resourceName.trim() ? [resourceName.trim()] : [])].join('/');
}

/** A problem with a resource type (Kargo wants the plural), or undefined. */
export function resourceTypeProblem(resource: string): string | undefined {
  const [base = '', subresource] = resource.split('/', 2);
  if (base === '') return `unrecognized resource type "${resource}"`;
  if (base.endsWith('s')) return undefined;
  const plural = /(?:[^aeiou]y)$/.test(base) ? `${base.slice(0, -1)}ies` : /(?:s|x|z|ch|sh)$/.test(base) ? `${base}es` : `${base}s`;
  return `unrecognized resource type "${resource}"; did you mean "${plural}${subresource ? `/${subresource}` : ''}"?`;
}

export function normalizePolicyRules(rules: readonly PolicyRule[], includeCustomVerbs = false): PolicyRule[] {
  const byKey = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const groups = rule.apiGroups?.length ? rule.apiGroups : [''];
    const names = rule.resourceNames?.length ? rule.resourceNames : [''];
    for (const resource of rule.resources ?? []) {
      for (const group of groups) {
        for (const name of names) {
          const key = ruleKey(group, resource, name);
          const verbs = [...(byKey.get(key)?.verbs ?? []), ...rule.verbs];
          byKey.set(key, buildRule(group, resource, name, verbs, includeCustomVerbs));
        }
      }
    }
  }
  return [...byKey.keys()].sort().map((key) => byKey.get(key) as PolicyRule);
}

function buildRule(group: string, resource: string, name: string, verbs: string[], includeCustomVerbs: boolean): PolicyRule {
  let set = new Set<string>();
  for (const raw of verbs) {
    const verb = raw.trim();
    if (verb === '*') set = new Set(allVerbsFor(resource.trim(), includeCustomVerbs));
    else set.add(verb);
  }
  return {
    apiGroups: [group.trim()],
    resources: [resource.trim()],
    ...(name.trim() ? { resourceNames: [name.trim()] } : {}),
    verbs: [...set].sort(),
  };
}

/** Kargo's RevokePermissionsFromRole: drop the verbs from the matching (normalized) rules, and rules left without verbs. */
export function revokeFromRules(rules: readonly PolicyRule[], group: string, resource: string, resourceName: string, verbs: readonly string[]): PolicyRule[] {
  const revoked = new Set(verbs.includes('*') ? [...verbs, ...allVerbsFor(resource, true)] : verbs);
  const kept: PolicyRule[] = [];
  for (const rule of normalizePolicyRules(rules)) {
    const name = rule.resourceNames?.[0] ?? '';
    if (rule.apiGroups?.[0] !== group || rule.resources?.[0] !== resource || (resourceName !== '' && name !== resourceName)) {
      kept.push(rule);
      continue;
    }
    const left = rule.verbs.filter((verb) => !revoked.has(verb));
    if (left.length > 0) kept.push({ ...rule, verbs: left });
  }
  return kept;
}
