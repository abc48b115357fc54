// Creates a Promotion exactly once. The name is chosen client-side, so when a
// create times out or the connection drops after the server stored the object,
// the retry meets AlreadyExists and recognises the object as its own instead of
// creating a second Promotion. Kargo ≥ v1.11's webhook renames every Promotion on
// create, so before each retry we also look for a copy stored under another name:
// same Stage, same Freight, same creator, created since our first attempt.

import type { KubeClient } from '../kube/client.js';
import { KubeApiError, KubeConnectionError, isAlreadyExists, isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Promotion } from '../model/kargo.js';
import { CREATE_ACTOR_ANNOTATION, STAGE_KEY } from '../rules/promotion-builder.js';

export interface CreatePromotionOptions {
  dryRun?: boolean;
  attempts?: number;
  sleep(ms: number): Promise<void>;
  now(): Date;
}

/** Server and client clocks differ; a copy created this long before our first attempt still counts as ours. */
const CLOCK_SKEW_MS = 5_000;

export async function createPromotionOnce(client: KubeClient, promotion: Promotion, options: CreatePromotionOptions): Promise<Promotion> {
  const namespace = promotion.metadata.namespace!;
  const attempts = options.attempts ?? 4;
  const firstAttemptAt = options.now().getTime();
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
      // A request that timed out may still be in the server's hands: give it time to land before looking for it.
      await options.sleep(error instanceof KubeConnectionError ? 1_000 * attempt : 200 * 2 ** (attempt - 1));
      if (options.dryRun) continue;
      const stored = await findStoredCopy(client, promotion, firstAttemptAt).catch(() => undefined);
      if (stored) return stored;
    }
  }
}

async function findStoredCopy(client: KubeClient, promotion: Promotion, since: number): Promise<Promotion | undefined> {
  const namespace = promotion.metadata.namespace!;
  try {
    const byName = await client.get<Promotion>(resources.promotion, promotion.metadata.name!, namespace);
    if (isSamePromotion(byName, promotion)) return byName;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const stageLabel = promotion.metadata.labels?.[STAGE_KEY];
  const listed = await client.list<Promotion>(resources.promotion, namespace, stageLabel ? { labelSelector: `${STAGE_KEY}=${stageLabel}` } : {});
  const creator = promotion.metadata.annotations?.[CREATE_ACTOR_ANNOTATION];
  return listed.items.find(
    (candidate) =>
      isSamePromotion(candidate, promotion) &&
      candidate.metadata.annotations?.[CREATE_ACTOR_ANNOTATION] === creator &&
      Date.parse(candidate.metadata.creationTimestamp ?? '') >= since - CLOCK_SKEW_MS,
  );
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
