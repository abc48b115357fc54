// The Freight of every namespace as the controller's informer last saw it,
// so a Stage pass reads Freight from memory instead of listing it again
// (Kargo's controller reads through its cache the same way). Readers wait
// for the first list; a write the cache has not seen yet is harmless, as
// every write re-reads the object it changes.

import type { InformerEvent } from '../kube/informer.js';
import type { Freight } from '../model/kargo.js';

export class FreightCache {
  readonly #byNamespace = new Map<string, Map<string, Freight>>();
  #markSynced: () => void = () => undefined;
  readonly #synced = new Promise<void>((resolve) => {
    this.#markSynced = resolve;
  });

  /** Feeds one informer event in. */
  apply(event: InformerEvent<Freight>): void {
    if (event.type === 'SYNCED') {
      this.#byNamespace.clear();
      for (const freight of event.cache.values()) this.#put(freight);
      this.#markSynced();
      return;
    }
    const freight = event.object;
    if (!freight) return;
    if (event.type === 'DELETED') this.#byNamespace.get(freight.metadata.namespace ?? '')?.delete(freight.metadata.name ?? '');
    else this.#put(freight);
  }

  async list(namespace: string): Promise<Freight[]> {
    await this.#synced;
    return [...(this.#byNamespace.get(namespace)?.values() ?? [])];
  }

  #put(freight: Freight): void {
    const namespace = freight.metadata.namespace ?? '';
    let entries = this.#byNamespace.get(namespace);
    if (!entries) {
      entries = new Map();
      this.#byNamespace.set(namespace, entries);
    }
    entries.set(freight.metadata.name ?? '', freight);
  }
}
