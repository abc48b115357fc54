// Informer loops the reconcilers share: every object (after each list, all
// of them again) or every event handed to a handler, until the signal
// aborts; a kind the cluster does not serve can be waited out as nothing.

import type { KubeClient } from '../kube/client.js';
import { KubeApiError } from '../kube/errors.js';
import { type InformerEvent, inform } from '../kube/informer.js';
import type { ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';
import type { Clock } from '../runtime/clock.js';

export function watchAll<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  clock: Clock,
  signal: AbortSignal,
  handle: (object: T) => void,
  labelSelector?: string,
): Promise<void> {
  return watchEvents<T>(
    client,
    type,
    clock,
    signal,
    (event) => {
      // After a (re)list everything is looked at again; a deletion re-examines the Stage too.
      if (event.type === 'SYNCED') for (const object of event.cache.values()) handle(object);
      else if (event.object) handle(event.object);
    },
    labelSelector,
  );
}

export async function watchEvents<T extends KubeObject>(
  client: KubeClient,
  type: ResourceType,
  clock: Clock,
  signal: AbortSignal,
  handle: (event: InformerEvent<T>) => void,
  labelSelector?: string,
): Promise<void> {
  const options = { signal, sleep: (ms: number, s?: AbortSignal) => clock.sleep(ms, s), ...(labelSelector ? { labelSelector } : {}) };
  try {
    for await (const event of inform<T>(client, type, undefined, options)) handle(event);
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

/** Ends quietly when the kind is not served (404): no Argo CD, no Argo Rollouts. */
export async function unlessNotServed(watching: Promise<void>): Promise<void> {
  try {
    await watching;
  } catch (error) {
    if (!(error instanceof KubeApiError && error.code === 404)) throw error;
  }
}
