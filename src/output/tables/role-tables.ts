// Tables of Kargo roles, with the columns of Kargo's CLI (newRoleTable,
// newRoleResourcesTable), and the shapes -o prints for them.

import type { ResourceType } from '../../kube/resources.js';
import type { KargoRole, RoleResources } from '../../model/rbac.js';
import { age } from '../age.js';
import type { TableData } from './table-context.js';

/** `rbac.kargo.akuity.io/v1alpha1` Role, as `-o name` names it: `role.rbac.kargo.akuity.io/NAME`. */
export const KARGO_ROLE_TYPE: ResourceType = {
  group: 'rbac.kargo.akuity.io',
  version: 'v1alpha1',
  kind: 'Role',
  plural: 'roles',
  singular: 'role',
  namespaced: true,
  shortNames: [],
  hasStatus: false,
};

export const ROLE_RESOURCES_TYPE: ResourceType = { ...KARGO_ROLE_TYPE, kind: 'RoleResources', plural: 'roleresources', singular: 'roleresources' };

export function roleTable(roles: KargoRole[], now: Date): TableData {
  return {
    header: ['NAME', 'KARGO MANAGED', 'AGE'],
    rows: roles.map((role) => [role.metadata.name ?? '', String(role.kargoManaged ?? false), age(role.metadata.creationTimestamp, now)]),
  };
}

export function roleResourcesTable(all: RoleResources[], now: Date): TableData {
  return {
    header: ['NAME', 'K8S SERVICE ACCOUNT', 'K8S ROLE BINDINGS', 'K8S ROLES', 'AGE'],
    rows: all.map((resources) => {
      const name = resources.serviceAccount.metadata.name ?? '';
      return [
        name,
        name,
        resources.roleBindings.map((binding) => binding.metadata.name ?? '').join(', '),
        resources.roles.map((role) => role.metadata.name ?? '').join(', '),
        age(resources.serviceAccount.metadata.creationTimestamp, now),
      ];
    }),
  };
}

/** RoleResources as an object -o can print. */
export function roleResourcesObject(
  resources: RoleResources,
): RoleResources & { apiVersion: string; kind: string; metadata: { name: string; namespace: string } } {
  const { name = '', namespace = '' } = resources.serviceAccount.metadata;
  return { apiVersion: 'rbac.kargo.akuity.io/v1alpha1', kind: 'RoleResources', metadata: { name, namespace }, ...resources };
}
