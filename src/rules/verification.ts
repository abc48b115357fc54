// A Stage's current verification and what `kargo verify` may do with it
// (kargo-semantics.md §4.2, §4.3, §5).

import type { FreightCollection, Stage, VerificationInfo } from '../model/kargo.js';
import { ABORT_ANNOTATION, REVERIFY_ANNOTATION } from '../model/annotations.js';
import { isTerminalVerification } from '../model/phases.js';

export interface CurrentVerification {
  collection: FreightCollection;
  /** verificationHistory[0] of the current collection, if any. */
  latest?: VerificationInfo;
}

/** freightHistory[0] and its latest VerificationInfo; undefined when the Stage has no current freight. */
export function currentVerification(stage: Stage): CurrentVerification | undefined {
  const collection = stage.status?.freightHistory?.[0];
  if (!collection || Object.keys(collection.items ?? {}).length === 0) return undefined;
  const latest = collection.verificationHistory?.[0];
  return { collection, ...(latest ? { latest } : {}) };
}

export type VerificationActionRefusal = 'no-current-freight' | 'no-verification' | 'no-verification-id' | 'still-running' | 'already-finished';

export type VerificationActionDecision =
  | {
      allowed: true;
      verificationId: string;
      annotation: string;
      /** Annotation value: `{"id":"<id>"}`; Kargo's Stage webhook adds the actor. */
      value: string;
      latest: VerificationInfo;
      /** Accepted, but the controller will not act yet (e.g. the Stage is not Healthy). */
      caveat?: VerificationCaveat;
    }
  | { allowed: false; reason: VerificationActionRefusal; stage: string; latest?: VerificationInfo };

export type VerificationCaveat =
  | { kind: 'promotion-in-progress'; promotion: string }
  | { kind: 'not-healthy'; stage: string; health?: string }
  | { kind: 'no-analysis-run' };

/** May the current Freight be re-verified (the latest verification must be terminal)? */
export function decideReverify(stage: Stage): VerificationActionDecision {
  const found = latestWithId(stage);
  if (!found.ok) return found.refusal;
  const { latest, id } = found;
  if (!isTerminalVerification(latest.phase)) {
    return { allowed: false, reason: 'still-running', stage: name(stage), latest };
  }
  const caveat = reverifyCaveat(stage);
  return { allowed: true, verificationId: id, annotation: REVERIFY_ANNOTATION, value: annotationValue(id), latest, ...(caveat ? { caveat } : {}) };
}

/** May the running verification be aborted? A finished one yields `already-finished` (a no-op, not an error). */
export function decideAbortVerification(stage: Stage): VerificationActionDecision {
  const latestOnly = currentVerification(stage)?.latest;
  // As Kargo does, a finished verification makes abort a no-op before its id is even looked at.
  if (latestOnly && isTerminalVerification(latestOnly.phase)) {
    return { allowed: false, reason: 'already-finished', stage: name(stage), latest: latestOnly };
  }
  const found = latestWithId(stage);
  if (!found.ok) return found.refusal;
  const { latest, id } = found;
  const caveat: VerificationCaveat | undefined = latest.analysisRun?.name ? undefined : { kind: 'no-analysis-run' };
  return { allowed: true, verificationId: id, annotation: ABORT_ANNOTATION, value: annotationValue(id), latest, ...(caveat ? { caveat } : {}) };
}

/** The id carried by a reverify/abort annotation value: JSON `{"id":…}` or a plain id. */
export function annotationVerificationId(value: string): string {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && 'id' in parsed && typeof parsed.id === 'string') return parsed.id;
  } catch {
    // A plain id is accepted by Kargo as well.
  }
  return value;
}

function annotationValue(id: string): string {
  return JSON.stringify({ id });
}

type Found = { ok: true; latest: VerificationInfo; id: string } | { ok: false; refusal: Extract<VerificationActionDecision, { allowed: false }> };

function latestWithId(stage: Stage): Found {
  const current = currentVerification(stage);
  if (!current) {
    return { ok: false, refusal: { allowed: false, reason: 'no-current-freight', stage: name(stage) } };
  }
  const { latest } = current;
  if (!latest) {
    return { ok: false, refusal: { allowed: false, reason: 'no-verification', stage: name(stage) } };
  }
  if (!latest.id) {
    return { ok: false, refusal: { allowed: false, reason: 'no-verification-id', stage: name(stage), latest } };
  }
  return { ok: true, latest, id: latest.id };
}

function reverifyCaveat(stage: Stage): VerificationCaveat | undefined {
  const promotion = stage.status?.currentPromotion?.name;
  if (promotion) return { kind: 'promotion-in-progress', promotion };
  const health = stage.status?.health?.status;
  if (health !== 'Healthy') return { kind: 'not-healthy', stage: name(stage), ...(health ? { health } : {}) };
  return undefined;
}

function name(stage: Stage): string {
  return stage.metadata.name ?? '';
}
