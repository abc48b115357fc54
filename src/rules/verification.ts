// A Stage's current verification and what `kargo verify` may do with it
// (kargo-semantics.md §4.2, §4.3, §5).

import type { FreightCollection, Stage, VerificationInfo, VerificationPhase } from '../model/kargo.js';
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
      warning?: string;
    }
  | { allowed: false; reason: VerificationActionRefusal; message: string; latest?: VerificationInfo };

/** May the current Freight be re-verified (the latest verification must be terminal)? */
export function decideReverify(stage: Stage): VerificationActionDecision {
  const found = latestWithId(stage);
  if (!found.ok) return found.refusal;
  const { latest, id } = found;
  if (!isTerminalVerification(latest.phase)) {
    return {
      allowed: false,
      reason: 'still-running',
      message: `verification ${id} of Stage "${name(stage)}" is still ${latest.phase || 'Pending'}; wait for it to finish, or abort it with: kargo verify stage ${name(stage)} --abort`,
      latest,
    };
  }
  const warning = reverifyWarning(stage);
  return { allowed: true, verificationId: id, annotation: REVERIFY_ANNOTATION, value: annotationValue(id), latest, ...(warning ? { warning } : {}) };
}

/** May the running verification be aborted? A finished one yields `already-finished` (a no-op, not an error). */
export function decideAbortVerification(stage: Stage): VerificationActionDecision {
  const latestOnly = currentVerification(stage)?.latest;
  // As Kargo does, a finished verification makes abort a no-op before its id is even looked at.
  if (latestOnly && isTerminalVerification(latestOnly.phase)) {
    return {
      allowed: false,
      reason: 'already-finished',
      message: `verification ${latestOnly.id ? `${latestOnly.id} ` : ''}of Stage "${name(stage)}" already finished (${latestOnly.phase}); there is nothing to abort`,
      latest: latestOnly,
    };
  }
  const found = latestWithId(stage);
  if (!found.ok) return found.refusal;
  const { latest, id } = found;
  const warning = latest.analysisRun?.name ? undefined : 'the verification has no AnalysisRun yet; Kargo records the abort as an Error';
  return { allowed: true, verificationId: id, annotation: ABORT_ANNOTATION, value: annotationValue(id), latest, ...(warning ? { warning } : {}) };
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
    return { ok: false, refusal: { allowed: false, reason: 'no-current-freight', message: `Stage "${name(stage)}" has no current freight; promote Freight to it first` } };
  }
  const { latest } = current;
  if (!latest) {
    return {
      ok: false,
      refusal: {
        allowed: false,
        reason: 'no-verification',
        message: `Stage "${name(stage)}" has no verification of its current freight yet (verification starts once the Stage is Healthy)`,
      },
    };
  }
  if (!latest.id) {
    return { ok: false, refusal: { allowed: false, reason: 'no-verification-id', message: `the current verification of Stage "${name(stage)}" has no ID`, latest } };
  }
  return { ok: true, latest, id: latest.id };
}

function reverifyWarning(stage: Stage): string | undefined {
  if (stage.status?.currentPromotion?.name) {
    return `Promotion ${stage.status.currentPromotion.name} is in progress; Kargo re-verifies only once it is done and the Stage is Healthy`;
  }
  const health = stage.status?.health?.status;
  if (health !== 'Healthy') return `Stage "${name(stage)}" is ${health ?? 'not yet assessed for health'}; Kargo re-verifies only once it is Healthy`;
  return undefined;
}

function name(stage: Stage): string {
  return stage.metadata.name ?? '';
}
