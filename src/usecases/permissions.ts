// Client-side permission checks through SelfSubjectAccessReview, so a missing
// permission is reported before anything is written and names exactly what is missing.

import type { KubeClient, ResourceAttributes } from '../kube/client.js';
import { KARGO_GROUP } from '../kube/resources.js';
import { fail } from '../runtime/failure.js';

export interface PermissionNeed extends ResourceAttributes {
  /** What the user was trying to do, for the message ("promote to Stage \"prod\""). */
  purpose: string;
}

export async function requirePermissions(client: KubeClient, needs: PermissionNeed[]): Promise<void> {
  const results = await Promise.all(needs.map((need) => client.canI(stripPurpose(need))));
  const missing = needs.filter((_, index) => !results[index]?.allowed);
  if (missing.length === 0) return;
  const first = missing[0]!;
  const user = await client
    .whoAmI()
    .then((info) => info.username)
    .catch(() => 'you');
  const list = missing.map(describePermission).join(' and ');
  fail(
    'forbidden',
    `${user} may not ${first.purpose}: missing permission ${list} in namespace "${first.namespace}". ` +
      `Ask a project admin for a role that grants it (Kargo's kargo-promoter or kargo-admin role), or check the context with \`kubectl auth can-i ${first.verb} ${resourceName(first)} -n ${first.namespace}\`.`,
  );
}

export function promoteNeed(namespace: string, stage: string, purpose: string): PermissionNeed {
  return { verb: 'promote', group: KARGO_GROUP, resource: 'stages', name: stage, namespace, purpose };
}

function describePermission(need: PermissionNeed): string {
  return `"${need.verb}" on ${resourceName(need)}`;
}

function resourceName(need: ResourceAttributes): string {
  const resource = `${need.resource}${need.subresource ? `/${need.subresource}` : ''}${need.group ? `.${need.group}` : ''}`;
  return need.name ? `${resource}/${need.name}` : resource;
}

function stripPurpose(need: PermissionNeed): ResourceAttributes {
  const { purpose: _purpose, ...attributes } = need;
  return attributes;
}
