// List-then-watch over a filtered set of objects (or one, via a name field
// selector), kept as a local cache. A stream the server closes or drops is
// resumed from the last resourceVersion seen; a 410 Gone (history compacted)
// triggers a fresh list whose differences from the cache are replayed as events,
// so a consumer never misses a change and never sees one twice.

import type { KubeClient, WatchEventType } from './client.js';
import { KubeApiError, KubeConnectionError } from './errors.js';
import type { ResourceType } from './resources.js';
import type { KubeObject } from '../model/kargo.js';

export type InformerEventType = Exclude<WatchEventType, 'BOOKMARK'> | 'SYNCED';

export interface InformerEvent<T> {
  type: InformerEventType;
  /** For SYNCED (after every list): undefined. */
  object?: T;
  /** Every object currently known, keyed by namespace/name. */
  cache: ReadonlyMap<string, T>;
}

export interface InformerOptions {
  labelSelector?: string;
  fieldSelector?: string;
  signal?: AbortSignal;
  /** Pause before re-opening a stream that failed on the network. */
  retryDelayMs?: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export function nameSelector(name: string): string {
  return `metadata.name=${name}`;
}

export async function* inform<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  namespace: string | undefined,
  options: InformerOptions,
): AsyncGenerator<InformerEvent<T>> {
  const cache = new Map<string, T>();
  const selectors = { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector };
  let resourceVersion: string | undefined;

  while (!options.signal?.aborted) {
    if (resourceVersion === undefined) {
      const listed = await client.list<T>(type, namespace, selectors);
      resourceVersion = listed.resourceVersion;
      yield* replayDifferences(cache, listed.items);
      yield { type: 'SYNCED', cache };
    }
    try {
      for await (const event of client.watch<T>(type, namespace, {
        ...selectors,
        resourceVersion,
        allowWatchBookmarks: true,
        signal: options.signal,
      })) {
        resourceVersion = event.object.metadata.resourceVersion || resourceVersion;
        if (event.type === 'BOOKMARK') continue;
        const key = keyOf(event.object);
        if (event.type === 'DELETED') cache.delete(key);
        else cache.set(key, event.object);
        yield { type: event.type, object: event.object, cache };
      }
    } catch (error) {
      if (options.signal?.aborted) return;
      if (error instanceof KubeApiError && error.code === 410) {
        resourceVersion = undefined;
        continue;
      }
      const transient =
        error instanceof KubeConnectionError || (error instanceof KubeApiError && (error.code >= 500 || error.code === 429));
      if (!transient) throw error;
      await options.sleep(options.retryDelayMs ?? 500, options.signal).catch(() => undefined);
    }
  }
}

function* replayDifferences<T extends KubeObject>(cache: Map<string, T>, items: T[]): Generator<InformerEvent<T>> {
  const seen = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    seen.add(key);
    const known = cache.get(key);
    if (known && known.metadata.resourceVersion === item.metadata.resourceVersion) continue;
    cache.set(key, item);
    yield { type: known ? 'MODIFIED' : 'ADDED', object: item, cache };
  }
  for (const [key, item] of [...cache]) {
    if (seen.has(key)) continue;
    cache.delete(key);
    yield { type: 'DELETED', object: item, cache };
  }
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}
