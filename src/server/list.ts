// LIST with selectors and limit/continue paging. Continue tokens carry the last
// key returned; pages are read from the live store in key order.

import type { Matcher } from './selectors.js';
import { badRequest } from './status.js';
import type { ObjectStore } from './storage.js';
import type { StoredObject } from './types.js';

interface ContinueToken {
  rv: number;
  start: string;
}

export interface Page {
  items: StoredObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

function keyOf(object: StoredObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (typeof decoded === 'object' && decoded !== null && 'rv' in decoded && 'start' in decoded) {
      const { rv, start } = decoded;
      if (typeof rv === 'number' && typeof start === 'string') return { rv, start };
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

export function listPage(
  store: ObjectStore,
  resourceKey: string,
  namespace: string | undefined,
  matches: Matcher,
  limitParam: string | null,
  continueParam: string | null,
): Page {
  const requested = limitParam ? Number(limitParam) : 0;
  if (!Number.isInteger(requested)) throw badRequest(`invalid limit: ${limitParam ?? ''}`);
  // As in kube-apiserver, a negative limit means no limit.
  const limit = Math.max(requested, 0);
  const token = continueParam ? decodeContinue(continueParam) : undefined;
  const version = token?.rv ?? store.resourceVersion;
  let remaining = 0;
  let selected = 0;
  const items = store.select(resourceKey, namespace, (object, key) => {
    if (token && key <= token.start) return false;
    if (!matches(object)) return false;
    if (limit > 0 && selected >= limit) {
      remaining += 1;
      return false;
    }
    selected += 1;
    return true;
  });
  if (remaining === 0) return { items, resourceVersion: String(version) };
  const last = items[items.length - 1];
  const next: ContinueToken = { rv: version, start: last ? keyOf(last) : '' };
  return {
    items,
    resourceVersion: String(version),
    continueToken: Buffer.from(JSON.stringify(next)).toString('base64url'),
    remainingItemCount: remaining,
  };
}
