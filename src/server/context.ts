// What request handlers share: the store, the served resources, identity and policy.

import type { TokenAuthenticator } from './authn.js';
import type { RbacAuthorizer } from './rbac.js';
import type { ResourceRegistry } from './registry.js';
import type { ObjectStore } from './storage.js';
import type { WatchHub } from './watch.js';

export interface ServerCore {
  store: ObjectStore;
  registry: ResourceRegistry;
  authenticator: TokenAuthenticator;
  authorizer: RbacAuthorizer;
  watches: WatchHub;
  now(): Date;
  /** Largest request body accepted, in bytes (413 above it). */
  maxBodyBytes: number;
  bookmarkIntervalMs: number;
}
