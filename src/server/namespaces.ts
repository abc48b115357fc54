// Namespace lifecycle: objects need an existing, non-terminating namespace; a
// deleted namespace empties itself (objects with finalizers wait) and disappears once empty.

import type { ServerCore } from './context.js';
import { timestamp } from './objects.js';
import { storageKey } from './registry.js';
import { ApiError, notFound } from './status.js';

/** Storage key of core/v1 namespaces. */
export const NAMESPACE_KEY = 'namespaces';
const NAMESPACES = { group: '', plural: 'namespaces' };

export class NamespaceLifecycle {
  constructor(private readonly core: ServerCore) {}

  /** Throws 404 for a missing namespace, and 403 when creating in a terminating one. */
  require(namespace: string | undefined, forCreate: boolean): void {
    if (namespace === undefined) return;
    const found = this.core.store.get(NAMESPACE_KEY, undefined, namespace);
    if (!found) throw notFound(NAMESPACES, namespace);
    if (forCreate && found.metadata.deletionTimestamp) {
      throw new ApiError(403, 'Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`, {
        group: '',
        kind: 'namespaces',
        name: namespace,
        causes: [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }],
      });
    }
  }

  hasContent(namespace: string): boolean {
    return this.core.registry
      .all()
      .some((resource) => resource.namespaced && this.core.store.select(storageKey(resource), namespace, () => true, 1).length > 0);
  }

  /** Deletes everything in a terminating namespace, then the namespace itself if nothing is left. */
  empty(namespace: string): void {
    const seen = new Set<string>();
    for (const resource of this.core.registry.all()) {
      const key = storageKey(resource);
      if (!resource.namespaced || seen.has(key)) continue;
      seen.add(key);
      for (const object of this.core.store.list(key, namespace)) {
        if ((object.metadata.finalizers ?? []).length === 0) {
          this.core.store.delete(key, object);
        } else if (!object.metadata.deletionTimestamp) {
          object.metadata.deletionTimestamp = timestamp(this.core.now());
          this.core.store.update(key, object);
        }
      }
    }
    this.finishIfEmpty(namespace);
  }

  /** Removes a terminating namespace once its last object is gone. */
  finishIfEmpty(namespace: string): void {
    const owner = this.core.store.get(NAMESPACE_KEY, undefined, namespace);
    if (owner?.metadata.deletionTimestamp && !this.hasContent(namespace)) this.core.store.delete(NAMESPACE_KEY, owner);
  }
}
