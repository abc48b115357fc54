// `kargo get -w`: the matching objects once the listing is complete, then each
// matching object as it changes, for as long as the caller keeps iterating. The
// informer (src/kube/informer.ts) rides out dropped streams and 410s.

import type { KubeClient } from '../kube/client.js';
import { inform } from '../kube/informer.js';
import type { KubeObject } from '../model/kargo.js';
import { type GetRequest, selectObjects } from './get.js';

export type ListingEvent = { kind: 'listed'; objects: KubeObject[] } | { kind: 'changed'; object: KubeObject };

export interface WatchListingOptions {
  signal: AbortSignal;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export async function* watchListing(client: KubeClient, request: GetRequest, options: WatchListingOptions): AsyncGenerator<ListingEvent> {
  const namespace = request.type.namespaced ? request.project : undefined;
  let listed = false;
  for await (const event of inform<KubeObject>(client, request.type, namespace, {
    ...(request.labelSelector ? { labelSelector: request.labelSelector } : {}),
    ...(request.fieldSelector ? { fieldSelector: request.fieldSelector } : {}),
    signal: options.signal,
    sleep: options.sleep,
  })) {
    if (event.type === 'SYNCED') {
      if (!listed) yield { kind: 'listed', objects: selectObjects([...event.cache.values()], request).items };
      listed = true;
      continue;
    }
    if (!listed || !event.object) continue;
    const [object] = selectObjects([event.object], request).items;
    if (object) yield { kind: 'changed', object };
  }
}
