// What request handlers share: the store, the served resources, policy and the clock.

import type { RbacAuthorizer } from './rbac.js';
import type { ResourceRegistry } from './registry.js';
import type { ObjectStore } from './storage.js';

export interface ServerCore {
  store: ObjectStore;
  registry: ResourceRegistry;
  authorizer: RbacAuthorizer;
  now(): Date;
}
