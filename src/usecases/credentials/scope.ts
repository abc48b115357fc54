// Where credentials and ConfigMaps live: a Project's namespace, Kargo's shared
// resources namespace (`--shared`) or its system resources namespace (`--system`),
// as Kargo's API server places them.

import { SHARED_RESOURCES_NAMESPACE, SYSTEM_RESOURCES_NAMESPACE } from '../../model/resource-namespaces.js';

export type ResourceScope = { kind: 'project'; project: string } | { kind: 'shared' } | { kind: 'system' };

export function namespaceOf(scope: ResourceScope): string {
  switch (scope.kind) {
    case 'project':
      return scope.project;
    case 'shared':
      return SHARED_RESOURCES_NAMESPACE;
    case 'system':
      return SYSTEM_RESOURCES_NAMESPACE;
  }
}

/** `project "shop"`, `the shared resources (namespace kargo-shared-resources)`: for messages. */
export function scopeWords(scope: ResourceScope): string {
  switch (scope.kind) {
    case 'project':
      return `project "${scope.project}"`;
    case 'shared':
      return `the shared resources (namespace ${SHARED_RESOURCES_NAMESPACE})`;
    case 'system':
      return `the system resources (namespace ${SYSTEM_RESOURCES_NAMESPACE})`;
  }
}

/** The flags that select the scope again, for hints: `-p shop`, `--shared`, `--system`. */
export function scopeFlags(scope: ResourceScope): string {
  return scope.kind === 'project' ? `-p ${scope.project}` : `--${scope.kind}`;
}
