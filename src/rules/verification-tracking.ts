// Where a Stage's verification of one freight collection stands, read from the
// Stage's status alone. A collection is "superseded" when a later promotion put a
// newer collection on top before this one's verification reached a result
// (Kargo only verifies a Stage's current collection, so it never will).

import type { FreightCollection, Stage, VerificationInfo } from '../model/kargo.js';
import { isTerminalVerification } from '../model/phases.js';

export interface TrackedCollection {
  collectionId: string;
  /** Only verifications this returns true for count (e.g. ones started after our promotion finished). */
  counts(info: VerificationInfo): boolean;
  /** Name of the promotion that produced the collection, to recognise later ones. */
  promotionName?: string;
}

export type VerificationStanding =
  | { kind: 'waiting'; reason: string }
  | { kind: 'running'; verification: VerificationInfo }
  | { kind: 'finished'; verification: VerificationInfo }
  | { kind: 'superseded'; current?: FreightCollection; byPromotion?: string };

export function verificationStanding(stage: Stage, tracked: TrackedCollection): VerificationStanding {
  const history = stage.status?.freightHistory ?? [];
  const index = history.findIndex((collection) => collection.id === tracked.collectionId);
  const collection = index >= 0 ? history[index] : undefined;
  const latest = collection?.verificationHistory?.find((info) => tracked.counts(info));

  if (latest && isTerminalVerification(latest.phase)) return { kind: 'finished', verification: latest };
  const newerPromotion = newerPromotionName(stage, tracked.promotionName);
  if (newerPromotion) {
    return { kind: 'superseded', ...(history[0] ? { current: history[0] } : {}), byPromotion: newerPromotion };
  }
  // Until the Stage has recorded our promotion, an older copy of the same collection may sit lower in the history.
  if (!recordedByStage(stage, tracked.promotionName)) return { kind: 'waiting', reason: 'waiting for the Stage to record the new freight' };
  if (index !== 0) return { kind: 'superseded', ...(history[0] ? { current: history[0] } : {}) };
  if (latest) return { kind: 'running', verification: latest };
  const health = stage.status?.health?.status;
  if (health && health !== 'Healthy')
    return { kind: 'waiting', reason: `waiting for the Stage to become Healthy (now ${health}); verification starts after that` };
  return { kind: 'waiting', reason: 'waiting for the verification to start' };
}

/**
 * For a re-run requested now: only a VerificationInfo the collection did not hold
 * yet is the new run (Kargo adds it on a later reconcile, on top of older ones that
 * may have finished).
 */
export function newVerificationOf(stage: Stage, collectionId: string): (info: VerificationInfo) => boolean {
  const collection = (stage.status?.freightHistory ?? []).find((candidate) => candidate.id === collectionId);
  const known = new Set((collection?.verificationHistory ?? []).map((info) => info.id));
  return (info) => !known.has(info.id);
}

function recordedByStage(stage: Stage, ours: string | undefined): boolean {
  if (!ours) return true;
  const last = stage.status?.lastPromotion?.name;
  return !!last && promotionSequence(last) >= promotionSequence(ours);
}

/** The Stage's last or current promotion, when it was created after ours (names sort by creation). */
function newerPromotionName(stage: Stage, ours: string | undefined): string | undefined {
  if (!ours) return undefined;
  const candidates = [stage.status?.currentPromotion?.name, stage.status?.lastPromotion?.name];
  const newer = candidates.filter((name): name is string => !!name && promotionSequence(name) > promotionSequence(ours));
  return newer.sort().at(-1);
}

/** `<stage>.<ulid>.<freight7>`: the ULID orders promotions of one Stage by creation. */
function promotionSequence(name: string): string {
  const parts = name.split('.');
  return parts.length >= 3 ? (parts[parts.length - 2] ?? name) : name;
}
