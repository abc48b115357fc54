// Follows one named object: every version of it, in order, for as long as the
// caller keeps iterating. A stream the server closes (or drops) is resumed from the
// last resourceVersion seen; a 410 Gone (history compacted) falls back to a fresh
// list, so a long `--wait` survives both.

import type { KubeClient } from '../kube/client.js';
import { KubeApiError } from '../kube/errors.js';
import type { ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';

export interface WatchObjectOptions {
  signal?: AbortSignal;
  /** Pause before re-opening a stream that ended with a network error. */
  retryDelayMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Yields the object's current state first, then each change; `undefined` means it was deleted or does not exist. */
export async function* watchObject<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  options: WatchObjectOptions = {},
): AsyncGenerator<T | undefined> {
  const fieldSelector = `metadata.name=${name}`;
  const retryDelayMs = options.retryDelayMs ?? 500;
  const sleep = options.sleep ?? defaultSleep;
  let resourceVersion: string | undefined;
  let lastYielded: string | undefined;

  while (!options.signal?.aborted) {
    if (resourceVersion === undefined) {
      const listed = await client.list<T>(type, namespace, { fieldSelector });
      resourceVersion = listed.resourceVersion;
      const current = listed.items[0];
      const version = current?.metadata.resourceVersion ?? 'absent';
      if (version !== lastYielded) {
        lastYielded = version;
        yield current;
      }
    }
    try {
      for await (const event of client.watch<T>(type, namespace, {
        fieldSelector,
        resourceVersion,
        allowWatchBookmarks: true,
        signal: options.signal,
      })) {
        const version = event.object.metadata.resourceVersion;
        if (version) resourceVersion = version;
        if (event.type === 'BOOKMARK') continue;
        const current = event.type === 'DELETED' ? undefined : event.object;
        const marker = current ? (version ?? '') : 'absent';
        if (marker !== lastYielded) {
          lastYielded = marker;
          yield current;
        }
      }
    } catch (error) {
      if (options.signal?.aborted) return;
      if (error instanceof KubeApiError && (error.code === 410 || error.code === 504)) {
        resourceVersion = undefined;
        continue;
      }
      if (error instanceof KubeApiError && error.code < 500 && error.code !== 429) throw error;
      await sleep(retryDelayMs, options.signal).catch(() => undefined);
    }
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}
