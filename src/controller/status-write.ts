// Writes an object's status the way Kargo's kubeclient.PatchStatus does:
// read the newest copy, change its status, write it back; a 409 (someone
// wrote in between) starts over from a fresh read, a few times.

import type { KubeClient } from '../kube/client.js';
import { KubeApiError } from '../kube/errors.js';
import type { ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';

const MAX_ATTEMPTS = 8;

export interface WithStatus<S> extends KubeObject {
  status?: S;
}

/**
 * Replaces the status of `namespace/name` with `change(current status)`.
 * Returns the written object, or undefined when `change` returns undefined
 * (nothing to write) or the object is gone.
 */
export async function writeStatus<S, T extends WithStatus<S>>(
  client: KubeClient,
  type: ResourceType,
  namespace: string,
  name: string,
  change: (current: T) => S | undefined,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    let current: T;
    try {
      current = await client.get<T>(type, name, namespace);
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return undefined;
      throw error;
    }
    const status = change(current);
    if (status === undefined) return undefined;
    try {
      return await client.update<T>(type, { ...current, status }, namespace, { subresource: 'status' });
    } catch (error) {
      if (!(error instanceof KubeApiError) || error.code !== 409 || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
