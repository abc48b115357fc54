// Follows one named object, in order, for as long as the caller keeps iterating:
// the informer (src/kube/informer.ts) resumes dropped streams and relists after
// a 410 Gone; this narrows it to "the object's state now, then after each change".

import { systemClock } from '../runtime/clock.js';
import type { KubeClient } from '../kube/client.js';
import { inform, nameSelector, type ReconnectInfo } from '../kube/informer.js';
import type { ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';

export interface WatchObjectOptions {
  signal?: AbortSignal;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The cluster stopped answering and the watch is being re-opened (for a progress view). */
  onReconnecting?: (info: ReconnectInfo) => void;
  onReconnected?: () => void;
}

/** Yields the object's current state first, then each change; `undefined` means it does not exist (or was deleted). */
export async function* watchObject<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  options: WatchObjectOptions = {},
): AsyncGenerator<T | undefined> {
  let synced = false;
  for await (const event of inform<T>(client, type, namespace, {
    fieldSelector: nameSelector(name),
    ...(options.signal ? { signal: options.signal } : {}),
    sleep: options.sleep ?? systemClock.sleep,
    ...(options.onReconnecting ? { onReconnecting: options.onReconnecting } : {}),
    ...(options.onReconnected ? { onReconnected: options.onReconnected } : {}),
  })) {
    if (event.type === 'SYNCED') {
      if (!synced) yield first(event.cache);
      synced = true;
    } else if (synced) {
      yield event.type === 'DELETED' ? undefined : event.object;
    }
  }
}

function first<T>(cache: ReadonlyMap<string, T>): T | undefined {
  return cache.values().next().value;
}
