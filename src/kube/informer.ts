// List-then-watch over a filtered set of objects (or one, via a name field
// selector), kept as a local cache. A stream the server closes or drops is
// resumed from the last resourceVersion seen; a 410 Gone (history compacted)
// triggers a fresh list whose differences from the cache are replayed as events,
// so a consumer never misses a change and never sees one twice. An unreachable,
// overloaded or failing server (on the list or the watch) is retried with capped,
// jittered backoff for as long as the caller's signal allows, and reported
// through onReconnecting so a progress view can say why it is stuck.

import type { KubeClient, WatchEventType } from './client.js';
import { KubeApiError, KubeConnectionError, KubeUnavailableError } from './errors.js';
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

export interface ReconnectInfo {
  /** Consecutive failures so far (1 on the first). */
  attempt: number;
  /** Wait before the next try. */
  retryInMs: number;
  /** One line: why the stream is being re-opened (the last failure). */
  reason: string;
  cause: unknown;
}

export interface InformerOptions {
  labelSelector?: string;
  fieldSelector?: string;
  signal?: AbortSignal;
  /** First pause before re-opening after a failure; doubles up to maxRetryDelayMs, jittered. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told each time the list or watch failed and is about to be retried (for a progress view). */
  onReconnecting?: (info: ReconnectInfo) => void;
  /** Told when events flow again after onReconnecting. */
  onReconnected?: () => void;
  random?: () => number;
}

export function nameSelector(name: string): string {
  return `metadata.name=${name}`;
}

/** Failures a wait rides out until its deadline: the cluster unreachable, overloaded or failing. */
export function isTransient(error: unknown): boolean {
  if (error instanceof KubeUnavailableError) return true;
  if (error instanceof KubeConnectionError) return error.kind !== 'tls';
  return error instanceof KubeApiError && (error.code >= 500 || error.code === 429);
}

export async function* inform<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  namespace: string | undefined,
  options: InformerOptions,
): AsyncGenerator<InformerEvent<T>> {
  const cache = new Map<string, T>();
  const selectors = { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector };
  const random = options.random ?? Math.random;
  let resourceVersion: string | undefined;
  let failures = 0;
  const recovered = (): void => {
    if (failures > 0) options.onReconnected?.();
    failures = 0;
  };

  while (!options.signal?.aborted) {
    let delivered = false;
    try {
      if (resourceVersion === undefined) {
        const listed = await client.list<T>(type, namespace, selectors);
        resourceVersion = listed.resourceVersion;
        recovered();
        yield* replayDifferences(cache, listed.items);
        yield { type: 'SYNCED', cache };
      }
      for await (const event of client.watch<T>(type, namespace, {
        ...selectors,
        resourceVersion,
        allowWatchBookmarks: true,
        ...(options.signal ? { signal: options.signal } : {}),
      })) {
        delivered = true;
        recovered();
        resourceVersion = event.object.metadata.resourceVersion || resourceVersion;
        if (event.type === 'BOOKMARK') continue;
        const key = keyOf(event.object);
        if (event.type === 'DELETED') cache.delete(key);
        else cache.set(key, event.object);
        yield { type: event.type, object: event.object, cache };
      }
      // The server ended the stream (its timeout, a restart): resume at once, unless it keeps ending empty-handed.
      if (delivered) continue;
      failures += 1;
      if (failures === 1) continue;
      await pause(options, failures, random, new Error('the API server keeps closing the watch'));
    } catch (error) {
      if (options.signal?.aborted) return;
      if (error instanceof KubeApiError && error.code === 410) {
        resourceVersion = undefined;
        continue;
      }
      if (!isTransient(error)) throw error;
      failures += 1;
      await pause(options, failures, random, error);
    }
  }
}

async function pause(options: InformerOptions, failures: number, random: () => number, cause: unknown): Promise<void> {
  const base = options.retryDelayMs ?? 500;
  const ceiling = Math.min(options.maxRetryDelayMs ?? 10_000, base * 2 ** (failures - 1));
  const retryInMs = Math.round(ceiling / 2 + random() * (ceiling / 2));
  options.onReconnecting?.({ attempt: failures, retryInMs, reason: cause instanceof Error ? cause.message : String(cause), cause });
  await options.sleep(retryInMs, options.signal).catch(() => undefined);
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
