// Creates a Promotion exactly once. The name is chosen client-side and also
// written into an annotation, so when a create times out or the connection drops
// after the server stored the object, the retry recognises the object as its own
// instead of creating a second Promotion: by name (AlreadyExists), or — because
// Kargo ≥ v1.11's webhook renames every Promotion on create but keeps its
// annotations — by that annotation. Nothing else counts as ours: a Promotion of
// the same Stage and Freight that an earlier run created is never reported as
// this run's success.

import type { KubeClient } from '../kube/client.js';
import { KubeApiError, KubeConnectionError, isAlreadyExists, isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Promotion } from '../model/kargo.js';
import { CREATE_REQUEST_ANNOTATION } from '../model/annotations.js';
import { STAGE_LABEL } from '../model/labels.js';

export interface CreatePromotionOptions {
  dryRun?: boolean;
  attempts?: number;
  sleep(ms: number): Promise<void>;
}

export async function createPromotionOnce(client: KubeClient, wanted: Promotion, options: CreatePromotionOptions): Promise<Promotion> {
  const promotion = options.dryRun ? wanted : withCreateRequest(wanted);
  const namespace = promotion.metadata.namespace!;
  const attempts = options.attempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.create<Promotion>(resources.promotion, promotion, namespace, { dryRun: options.dryRun ?? false });
    } catch (error) {
      if (isAlreadyExists(error)) {
        const existing = await client.get<Promotion>(resources.promotion, promotion.metadata.name!, namespace);
        if (isOurs(existing, promotion)) return existing;
        throw error;
      }
      if (attempt >= attempts || !isTransient(error)) throw error;
      // A request that timed out may still be in the server's hands: give it time to land before looking for it.
      await options.sleep(error instanceof KubeConnectionError ? 1_000 * attempt : 200 * 2 ** (attempt - 1));
      if (options.dryRun) continue;
      const stored = await findStoredCopy(client, promotion).catch(() => undefined);
      if (stored) return stored;
    }
  }
}

/** The Promotion as sent: its client-chosen name also in an annotation that survives a rename. */
function withCreateRequest(promotion: Promotion): Promotion {
  const annotations = { ...promotion.metadata.annotations, [CREATE_REQUEST_ANNOTATION]: promotion.metadata.name! };
  return { ...promotion, metadata: { ...promotion.metadata, annotations } };
}

async function findStoredCopy(client: KubeClient, promotion: Promotion): Promise<Promotion | undefined> {
  const namespace = promotion.metadata.namespace!;
  try {
    const byName = await client.get<Promotion>(resources.promotion, promotion.metadata.name!, namespace);
    if (isOurs(byName, promotion)) return byName;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const stageLabel = promotion.metadata.labels?.[STAGE_LABEL];
  const listed = await client.list<Promotion>(resources.promotion, namespace, stageLabel ? { labelSelector: `${STAGE_LABEL}=${stageLabel}` } : {});
  return listed.items.find((candidate) => isOurs(candidate, promotion));
}

function isOurs(stored: Promotion, sent: Promotion): boolean {
  return stored.metadata.annotations?.[CREATE_REQUEST_ANNOTATION] === sent.metadata.annotations?.[CREATE_REQUEST_ANNOTATION];
}

/** Failures after which the create may or may not have been stored, and a retry is safe. */
function isTransient(error: unknown): boolean {
  if (error instanceof KubeConnectionError) return true;
  if (error instanceof KubeApiError) {
    return (
      error.code === 429 || error.code === 502 || error.code === 503 || error.code === 504 || error.reason === 'ServerTimeout' || error.reason === 'Timeout'
    );
  }
  return false;
}
