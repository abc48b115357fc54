// Reads what Kargo wrote (Stage, Promotion, Freight, AnalysisRun) and plays
// Argo Rollouts' analysis controller, which does not run here: it writes an
// AnalysisRun's status as Rollouts does, completedAt included.

import { RESOURCES, type KubeObject } from './kube-json.js';
import type { Pipeline } from './pipeline.js';
import { waitFor } from './wait.js';

export interface VerificationInfo {
  id: string;
  phase?: string;
  message?: string;
  startTime?: string;
  finishTime?: string;
  analysisRun?: { name: string; namespace: string; phase?: string };
}

export interface StageObject extends KubeObject {
  status?: {
    freightHistory?: { id: string; items?: Record<string, { name: string }>; verificationHistory?: VerificationInfo[] }[];
    lastPromotion?: { name: string; status?: { phase?: string } };
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    freightSummary?: string;
    lastHandledRefresh?: string;
  };
}

export interface PromotionObject extends KubeObject {
  spec: { stage: string; freight: string };
  status?: { phase?: string; message?: string };
}

export interface FreightObject extends KubeObject {
  alias?: string;
  status?: { verifiedIn?: Record<string, unknown>; approvedFor?: Record<string, unknown>; currentlyIn?: Record<string, unknown> };
}

export type AnalysisPhase = 'Successful' | 'Failed' | 'Error' | 'Inconclusive';

export function getStage(p: Pipeline, name: string): Promise<StageObject> {
  return p.admin.get<StageObject>(RESOURCES.stage, name, p.project);
}

export function getFreight(p: Pipeline, name: string): Promise<FreightObject> {
  return p.admin.get<FreightObject>(RESOURCES.freight, name, p.project);
}

export async function promotionsOf(p: Pipeline, stage: string): Promise<PromotionObject[]> {
  return (await p.admin.list<PromotionObject>(RESOURCES.promotion, p.project)).filter((promotion) => promotion.spec.stage === stage);
}

export function getPromotion(p: Pipeline, name: string): Promise<PromotionObject> {
  return p.admin.get<PromotionObject>(RESOURCES.promotion, name, p.project);
}

/** The current freight's newest verification, as Kargo recorded it. */
export async function currentVerification(p: Pipeline, stage: string): Promise<VerificationInfo | undefined> {
  return (await getStage(p, stage)).status?.freightHistory?.[0]?.verificationHistory?.[0];
}

export async function analysisRunNames(p: Pipeline, stage: string): Promise<string[]> {
  const runs = await p.admin.list(RESOURCES.analysisRun, p.project, `kargo.akuity.io/stage=${stage}`);
  return runs.map((run) => run.metadata.name);
}

/** Waits for Kargo to create an AnalysisRun for `stage` that is not in `known`. */
export function newAnalysisRun(p: Pipeline, stage: string, known: readonly string[] = []): Promise<string> {
  return waitFor(`Kargo to create an AnalysisRun for Stage ${stage}`, async () => (await analysisRunNames(p, stage)).find((name) => !known.includes(name)), {
    timeoutMs: 90_000,
  });
}

/**
 * Ends an AnalysisRun the way Argo Rollouts records it (no status subresource in
 * its CRD). `withoutCompletedAt` leaves out the finish time, which Rollouts always
 * writes: Kargo then cannot record the result until it is there.
 */
export async function completeAnalysisRun(p: Pipeline, name: string, phase: AnalysisPhase, options: { withoutCompletedAt?: boolean } = {}): Promise<void> {
  const startedAt = new Date(Date.now() - 2_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const completedAt = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const ok = phase === 'Successful';
  await p.admin.mergePatch(
    RESOURCES.analysisRun,
    name,
    {
      status: {
        phase,
        ...(ok ? {} : { message: `Metric "success-rate" assessed ${phase} due to failed (1) > failureLimit (0)` }),
        startedAt,
        ...(options.withoutCompletedAt ? {} : { completedAt }),
        runSummary: { count: 1, successful: ok ? 1 : 0, failed: ok ? 0 : 1 },
        metricResults: [
          {
            name: 'success-rate',
            phase,
            count: 1,
            successful: ok ? 1 : 0,
            failed: ok ? 0 : 1,
            measurements: [{ phase, value: ok ? '0.99' : '0.42', startedAt, finishedAt: completedAt }],
          },
        ],
      },
    },
    p.project,
  );
}

/** Waits until Kargo has recorded the current verification of `stage` as terminal with `phase`. */
export function recordedVerification(p: Pipeline, stage: string, phase: string, analysisRun?: string): Promise<VerificationInfo> {
  return waitFor(
    `Kargo to record verification ${phase} for Stage ${stage}`,
    async () => {
      const current = await currentVerification(p, stage);
      if (!current || current.phase !== phase) return undefined;
      return analysisRun && current.analysisRun?.name !== analysisRun ? undefined : current;
    },
    { timeoutMs: 90_000 },
  );
}

export function promotionPhase(p: Pipeline, name: string, phases: string[]): Promise<PromotionObject> {
  return waitFor(
    `Promotion ${name} to reach ${phases.join(' or ')}`,
    async () => {
      const promotion = await getPromotion(p, name);
      return phases.includes(promotion.status?.phase ?? '') ? promotion : undefined;
    },
    { timeoutMs: 90_000 },
  );
}
