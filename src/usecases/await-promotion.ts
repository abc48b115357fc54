// `--wait[=promotion|verification]`: follows a Promotion to its end and, when
// asked, the Stage's verification of the freight it delivered; returns one
// outcome that the command turns into a message and an exit code.

import type { ReconnectInfo } from '../kube/informer.js';
import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { AnalysisRun, Freight, Promotion, Stage, VerificationInfo } from '../model/kargo.js';
import { followPromotion, type PromotionSnapshot } from './follow-promotion.js';
import { followVerification, type VerificationSnapshot } from './follow-verification.js';
import { watchObject } from './watch-object.js';

export type WaitTarget = 'promotion' | 'verification';

export type AwaitOutcome =
  | { kind: 'promotion-finished'; promotion: Promotion }
  | { kind: 'promotion-deleted'; promotion?: Promotion }
  | { kind: 'verification-finished'; promotion: Promotion; stage: Stage; verification: VerificationInfo; analysisRun?: AnalysisRun }
  | { kind: 'superseded'; promotion: Promotion; stage: Stage; byPromotion?: string }
  | { kind: 'stage-deleted'; promotion: Promotion }
  | { kind: 'stopped'; promotion?: Promotion; verification?: VerificationSnapshot };

export interface AwaitPromotionOptions {
  target: WaitTarget;
  signal: AbortSignal;
  now(): Date;
  onPromotion(snapshot: PromotionSnapshot): void;
  onVerification(snapshot: VerificationSnapshot): void;
  /** Called once, when following moves from the Promotion to the verification. */
  onPromotionDone?(promotion: Promotion): void;
  /** The cluster stopped answering; following resumes when it is back. */
  onReconnecting?(info: ReconnectInfo): void;
  onReconnected?(): void;
}

export async function awaitPromotion(client: KubeClient, project: string, name: string, options: AwaitPromotionOptions): Promise<AwaitOutcome> {
  const followed = await followPromotion(client, project, name, {
    signal: options.signal,
    now: options.now,
    onChange: options.onPromotion,
    ...(options.onReconnecting ? { onReconnecting: (info: ReconnectInfo) => options.onReconnecting?.(info) } : {}),
    ...(options.onReconnected ? { onReconnected: () => options.onReconnected?.() } : {}),
  });
  if (followed.kind === 'stopped') return { kind: 'stopped', ...(followed.last ? { promotion: followed.last } : {}) };
  if (followed.kind === 'deleted') return { kind: 'promotion-deleted', ...(followed.last ? { promotion: followed.last } : {}) };
  const promotion = followed.promotion;
  const collectionId = promotion.status?.freightCollection?.id;
  if (options.target === 'promotion' || promotion.status?.phase !== 'Succeeded' || !collectionId) {
    return { kind: 'promotion-finished', promotion };
  }
  options.onPromotionDone?.(promotion);

  const finishedAt = promotion.status?.finishedAt ? Date.parse(promotion.status.finishedAt) : 0;
  const verified = await followVerification(
    client,
    project,
    promotion.spec.stage,
    {
      collectionId,
      promotionName: name,
      // A re-promoted collection keeps its older verifications; only ones started after this promotion count.
      counts: (info) => !info.startTime || Date.parse(info.startTime) >= finishedAt - 1_000,
    },
    { signal: options.signal, onChange: options.onVerification },
  );
  switch (verified.kind) {
    case 'stopped':
      return { kind: 'stopped', promotion, ...(verified.snapshot ? { verification: verified.snapshot } : {}) };
    case 'stage-deleted':
      return { kind: 'stage-deleted', promotion };
    case 'superseded': {
      const standing = verified.snapshot.standing;
      const by = standing.kind === 'superseded' ? standing.byPromotion : undefined;
      return { kind: 'superseded', promotion, stage: verified.snapshot.stage, ...(by ? { byPromotion: by } : {}) };
    }
    case 'finished': {
      const standing = verified.snapshot.standing;
      if (standing.kind !== 'finished') throw new Error('verification finished without a result');
      const run = verified.snapshot.analysisRun;
      if (standing.verification.phase === 'Successful') {
        const freightNames = Object.values(promotion.status?.freightCollection?.items ?? {}).map((item) => item.name);
        const recorded = await awaitVerifiedIn(client, project, promotion.spec.stage, freightNames, options.signal, (freight) =>
          options.onVerification({ ...verified.snapshot, awaitingVerifiedIn: freight.alias ?? freight.metadata.name ?? '' }),
        );
        if (!recorded) return { kind: 'stopped', promotion, verification: verified.snapshot };
      }
      return {
        kind: 'verification-finished',
        promotion,
        stage: verified.snapshot.stage,
        verification: standing.verification,
        ...(run ? { analysisRun: run } : {}),
      };
    }
  }
}

/**
 * Kargo marks the Freight verified in the Stage (status.verifiedIn) in a write of
 * its own after the verification succeeds; downstream availability reads that, so
 * `--wait=verification` returns only once it is there and a CI job can chain the
 * next promotion at once.
 */
async function awaitVerifiedIn(
  client: KubeClient,
  project: string,
  stage: string,
  freightNames: string[],
  signal: AbortSignal,
  onWaiting: (freight: Freight) => void,
): Promise<boolean> {
  for (const name of freightNames) {
    let verified = false;
    let told = false;
    try {
      for await (const freight of watchObject<Freight>(client, resources.freight, project, name, { signal })) {
        if (!freight || freight.status?.verifiedIn?.[stage]) {
          verified = true;
          break;
        }
        if (!told) onWaiting(freight);
        told = true;
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
    if (!verified) return false;
  }
  return true;
}
