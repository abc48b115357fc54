// Creates a Promotion exactly once. The name is chosen client-side, so when a
// create times out or the connection drops after the server stored the object,
// the retry meets AlreadyExists and recognises the object as its own instead of
// creating a second Promotion.

import type { KubeClient } from '../kube/client.js';
import { KubeApiError, KubeConnectionError, isAlreadyExists } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Promotion } from '../model/kargo.js';

export interface CreatePromotionOptions {
  dryRun?: boolean;
  attempts?: number;
  sleep(ms: number): Promise<void>;
}

export async function createPromotionOnce(client: KubeClient, promotion: Promotion, options: CreatePromotionOptions): Promise<Promotion> {
  const namespace = promotion.metadata.namespace!;
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.create<Promotion>(resources.promotion, promotion, namespace, { dryRun: options.dryRun ?? false });
    } catch (error) {
      if (isAlreadyExists(error)) {
        const existing = await client.get<Promotion>(resources.promotion, promotion.metadata.name!, namespace);
        if (isSamePromotion(existing, promotion)) return existing;
        throw error;
      }
      if (attempt >= attempts || !isTransient(error)) throw error;
      await options.sleep(200 * 2 ** (attempt - 1));
    }
  }
}

function isSamePromotion(existing: Promotion, wanted: Promotion): boolean {
  return existing.spec.stage === wanted.spec.stage && existing.spec.freight === wanted.spec.freight;
}

/** Failures after which the create may or may not have been stored, and a retry is safe. */
function isTransient(error: unknown): boolean {
  if (error instanceof KubeConnectionError) return true;
  if (error instanceof KubeApiError) {
    return error.code === 429 || error.code === 502 || error.code === 503 || error.code === 504 || error.reason === 'ServerTimeout' || error.reason === 'Timeout';
  }
  return false;
}
