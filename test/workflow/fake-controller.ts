// Plays Kargo's controller in workflow tests: reacts to watch events on
// Promotions, Stages, AnalysisRuns and Warehouses in one project namespace and
// writes their status the way Kargo v1.11 does (kargo-semantics.md §4-§6):
// Pending → admitted by the Stage (one at a time, FIFO by name, waiting for the
// current freight's verification on a healthy Stage) → Running step by step →
// terminal; the Stage then records the new freight collection, becomes Healthy,
// runs verification through an AnalysisRun and marks the Freight verified.
// Tests steer outcomes with a script; everything else follows Kargo's rules.

import { createHash, randomUUID } from 'node:crypto';
import { ulid } from 'ulid';
import type { KubeClient } from '../../src/kube/client.js';
import { resources, type ResourceType } from '../../src/kube/resources.js';
import type {
  AnalysisPhase,
  AnalysisRun,
  Freight,
  FreightCollection,
  KubeObject,
  MetricResult,
  Promotion,
  PromotionPhase,
  Stage,
  StepExecutionMetadata,
  StepStatus,
  VerificationInfo,
  Warehouse,
} from '../../src/model/kargo.js';

export interface StepPlan {
  status: Extract<StepStatus, 'Succeeded' | 'Failed' | 'Errored'>;
  message?: string;
}

export interface MetricPlan {
  name: string;
  phase: AnalysisPhase;
  value: string;
}

export interface ControllerScript {
  /** Outcome of each step of a promotion; default: every step Succeeds. */
  steps?(promotion: Promotion): StepPlan[] | undefined;
  /** While true, a Running promotion stays on its current step. */
  holdPromotion?(promotion: Promotion): boolean;
  /** Health right after a successful promotion; `Progressing` holds verification back. */
  health?(stage: Stage): 'Healthy' | 'Progressing';
  /** Final metric results of a verification run; default: one Successful metric. */
  metrics?(stage: Stage, run: AnalysisRun): MetricPlan[];
  /** While true, an AnalysisRun stays Running. */
  holdAnalysis?(stage: Stage, run: AnalysisRun): boolean;
}

const TERMINAL_PROMOTION = new Set(['Succeeded', 'Failed', 'Errored', 'Aborted']);
const TERMINAL_VERIFICATION = new Set(['Successful', 'Failed', 'Error', 'Aborted', 'Inconclusive']);

export class FakeKargoController {
  private readonly stopper = new AbortController();
  private readonly watches: Promise<void>[] = [];
  private queued = false;
  private running: Promise<void> = Promise.resolve();
  private requeueTimer: NodeJS.Timeout | undefined;
  readonly errors: unknown[] = [];

  constructor(
    private readonly client: KubeClient,
    private readonly namespace: string,
    private readonly script: ControllerScript = {},
    private readonly stepDelayMs = 40,
  ) {}

  start(): this {
    for (const type of [resources.promotion, resources.stage, resources.analysisRun, resources.warehouse, resources.freight]) {
      this.watches.push(this.watchKind(type));
    }
    this.enqueue();
    return this;
  }

  async stop(): Promise<void> {
    this.stopper.abort();
    if (this.requeueTimer) clearTimeout(this.requeueTimer);
    await Promise.allSettled(this.watches);
    await this.running.catch(() => undefined);
  }

  /** Re-examines everything now (tests call it after changing the script). */
  poke(): void {
    this.enqueue();
  }

  private async watchKind(type: ResourceType): Promise<void> {
    let resourceVersion: string | undefined;
    while (!this.stopper.signal.aborted) {
      try {
        if (!resourceVersion) resourceVersion = (await this.client.list(type, this.namespace)).resourceVersion;
        for await (const event of this.client.watch(type, this.namespace, { resourceVersion, signal: this.stopper.signal })) {
          resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion;
          if (event.type !== 'BOOKMARK') this.enqueue();
        }
      } catch {
        resourceVersion = undefined;
        await sleep(20);
      }
    }
  }

  private enqueue(): void {
    if (this.queued || this.stopper.signal.aborted) return;
    this.queued = true;
    this.running = this.running.then(async () => {
      this.queued = false;
      if (this.stopper.signal.aborted) return;
      try {
        if (await this.reconcileOnce()) this.requeueSoon();
      } catch (error) {
        if (!this.stopper.signal.aborted) {
          this.errors.push(error);
          this.requeueSoon();
        }
      }
    });
  }

  private requeueSoon(): void {
    if (this.requeueTimer) clearTimeout(this.requeueTimer);
    this.requeueTimer = setTimeout(() => this.enqueue(), this.stepDelayMs);
  }

  /** One pass over the namespace; returns true when something is still in motion. */
  private async reconcileOnce(): Promise<boolean> {
    const [stages, promotions, runs, warehouses] = await Promise.all([
      this.list<Stage>(resources.stage),
      this.list<Promotion>(resources.promotion),
      this.list<AnalysisRun>(resources.analysisRun),
      this.list<Warehouse>(resources.warehouse),
    ]);
    let busy = false;
    for (const warehouse of warehouses) await this.handleRefresh(resources.warehouse, warehouse);
    for (const promotion of promotions) {
      const stage = stages.find((candidate) => candidate.metadata.name === promotion.spec.stage);
      busy = (await this.reconcilePromotion(promotion, stage)) || busy;
    }
    for (const run of runs) busy = (await this.reconcileAnalysisRun(run, stages)) || busy;
    for (const stage of stages) {
      const own = promotions.filter((promotion) => promotion.spec.stage === stage.metadata.name);
      busy = (await this.reconcileStage(stage, own, runs)) || busy;
    }
    return busy;
  }

  // ------------------------------------------------------------ Promotions (§6)

  private async reconcilePromotion(promotion: Promotion, stage: Stage | undefined): Promise<boolean> {
    const status = promotion.status ?? {};
    const phase = status.phase ?? '';
    if (TERMINAL_PROMOTION.has(phase)) return false;
    const name = promotion.metadata.name!;
    const now = timestamp();

    if (promotion.metadata.annotations?.['kargo.akuity.io/abort']) {
      const steps = (status.stepExecutionMetadata ?? []).map((step) =>
        step.status === 'Running' ? { ...step, status: 'Aborted' as const, finishedAt: now } : step,
      );
      await this.patchStatus(resources.promotion, name, {
        phase: 'Aborted',
        message: 'Promotion terminated per user request',
        finishedAt: now,
        stepExecutionMetadata: steps,
      });
      return true;
    }
    if (phase === '') {
      await this.patchStatus(resources.promotion, name, { phase: 'Pending' });
      return true;
    }
    if (stage?.status?.currentPromotion?.name !== name) return false;

    if (phase === 'Pending') {
      const freight = await this.client.get<Freight>(resources.freight, promotion.spec.freight!, this.namespace);
      const reference = freightReference(freight);
      const items = { [`${freight.origin!.kind}/${freight.origin!.name}`]: reference };
      await this.patchStatus(resources.promotion, name, {
        phase: 'Running',
        startedAt: now,
        freight: reference,
        freightCollection: { id: collectionId(items), items, verificationHistory: [] },
        currentStep: 0,
        stepExecutionMetadata: [{ alias: stepAlias(promotion, 0), startedAt: now, status: 'Running' }],
      });
      return true;
    }

    // Running: finish the current step, then start the next or end the promotion.
    if (this.script.holdPromotion?.(promotion)) return false;
    const plans = this.script.steps?.(promotion) ?? [];
    const current = status.currentStep ?? 0;
    const plan = plans[current] ?? { status: 'Succeeded' as const };
    const executed: StepExecutionMetadata[] = [...(status.stepExecutionMetadata ?? [])];
    executed[current] = { ...executed[current], status: plan.status, finishedAt: now, ...(plan.message ? { message: plan.message } : {}) };
    const stepCount = promotion.spec.steps?.length ?? 1;
    if (plan.status === 'Succeeded' && current + 1 < stepCount) {
      executed[current + 1] = { alias: stepAlias(promotion, current + 1), startedAt: now, status: 'Running' };
      await this.patchStatus(resources.promotion, name, { currentStep: current + 1, stepExecutionMetadata: executed });
      return true;
    }
    const final: PromotionPhase = plan.status === 'Succeeded' ? 'Succeeded' : plan.status;
    await this.patchStatus(resources.promotion, name, {
      phase: final,
      finishedAt: now,
      stepExecutionMetadata: executed,
      ...(plan.message ? { message: plan.message } : {}),
    });
    return true;
  }

  // ------------------------------------------------------------ Stages (§5, §6.1)

  private async reconcileStage(stage: Stage, promotions: Promotion[], runs: AnalysisRun[]): Promise<boolean> {
    const name = stage.metadata.name!;
    const status = stage.status ?? {};
    if (await this.handleRefresh(resources.stage, stage)) return true;

    // A finished current promotion is recorded; a successful one becomes the current freight.
    const current = status.currentPromotion?.name;
    if (current) {
      const promotion = promotions.find((candidate) => candidate.metadata.name === current);
      if (promotion && !TERMINAL_PROMOTION.has(promotion.status?.phase ?? '')) return false;
      const patch: Record<string, unknown> = { currentPromotion: null };
      if (promotion) {
        patch.lastPromotion = { name: current, freight: promotion.status?.freight, status: promotion.status, finishedAt: promotion.status?.finishedAt };
        if (promotion.status?.phase === 'Succeeded' && promotion.status.freightCollection) {
          const collection = promotion.status.freightCollection;
          const history = (status.freightHistory ?? []).filter((entry) => entry.id !== collection.id);
          patch.freightHistory = [{ ...collection, verificationHistory: [] }, ...history].slice(0, 10);
          patch.health = null;
          await this.moveFreight(name, status.freightHistory?.[0], collection);
        }
      }
      await this.patchStatus(resources.stage, name, patch);
      return true;
    }

    const top = status.freightHistory?.[0];
    const latest = top?.verificationHistory?.[0];

    // Admit the head of the queue (FIFO by name) unless the current freight is still being verified.
    const queue = promotions
      .filter((promotion) => !TERMINAL_PROMOTION.has(promotion.status?.phase ?? ''))
      .sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!));
    const head = queue[0];
    if (head && head.status?.phase === 'Pending') {
      const healthy = !status.health?.status || status.health.status === 'Healthy';
      const verifying = latest ? !TERMINAL_VERIFICATION.has(latest.phase ?? '') : false;
      const unverified = !!top && !latest;
      if (!verifying && !(healthy && unverified)) {
        await this.patchStatus(resources.stage, name, {
          currentPromotion: { name: head.metadata.name, freight: { name: head.spec.freight } },
          health: { status: 'Unknown', issues: ['Cannot assess health because a Promotion is currently in progress'] },
        });
        return true;
      }
    }
    if (!top) return false;

    const lastSucceeded = status.lastPromotion?.status?.phase === 'Succeeded';
    if (lastSucceeded && status.health?.status !== 'Healthy') {
      const health = this.script.health?.(stage) ?? 'Healthy';
      if (status.health?.status !== health) {
        await this.patchStatus(resources.stage, name, { health: { status: health } });
        return true;
      }
    }
    if (status.health?.status !== 'Healthy') return false;

    // Verification of the current collection (§5.1-§5.4).
    if (latest && !TERMINAL_VERIFICATION.has(latest.phase ?? '')) {
      const abortId = requestedId(stage.metadata.annotations?.['kargo.akuity.io/abort']);
      const runName = latest.analysisRun?.name;
      if (abortId === latest.id && runName) {
        await this.client.patch(resources.analysisRun, runName, { spec: { terminate: true } }, this.namespace);
        await this.recordVerification(stage, { ...latest, phase: 'Failed', message: 'Verification aborted by user', finishTime: timestamp() });
        return true;
      }
      const run = runs.find((candidate) => candidate.metadata.name === runName);
      const phase = run?.status?.phase ?? '';
      if (phase !== (latest.phase ?? '')) {
        await this.recordVerification(stage, {
          ...latest,
          phase,
          ...(run?.status?.message ? { message: run.status.message } : {}),
          ...(TERMINAL_VERIFICATION.has(phase) ? { finishTime: timestamp() } : {}),
          analysisRun: { ...latest.analysisRun, phase },
        });
        return true;
      }
      return false;
    }
    const reverifyId = requestedId(stage.metadata.annotations?.['kargo.akuity.io/reverify']);
    if (!latest || (reverifyId && reverifyId === latest.id)) {
      await this.startVerification(stage, top);
      return true;
    }
    if (latest.phase === 'Successful') return this.markVerified(stage, top, latest);
    return false;
  }

  private async startVerification(stage: Stage, collection: FreightCollection): Promise<void> {
    const name = stage.metadata.name!;
    const now = timestamp();
    if (!stage.spec.verification?.analysisTemplates?.length) {
      await this.recordVerification(stage, { id: randomUUID(), startTime: now, finishTime: now, phase: 'Successful' });
      return;
    }
    const runName = `${name}.${ulid().toLowerCase()}.${collection.id!.slice(0, 7)}`;
    await this.client.create<AnalysisRun>(
      resources.analysisRun,
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AnalysisRun',
        metadata: {
          name: runName,
          namespace: this.namespace,
          labels: { 'kargo.akuity.io/stage': name, 'kargo.akuity.io/freight-collection': collection.id! },
        },
        spec: { metrics: [{ name: 'placeholder', provider: { web: { url: 'http://example.invalid' } } }] },
      },
      this.namespace,
    );
    await this.recordVerification(stage, {
      id: randomUUID(),
      startTime: now,
      phase: 'Pending',
      analysisRun: { namespace: this.namespace, name: runName, phase: '' },
    });
  }

  private async recordVerification(stage: Stage, info: VerificationInfo): Promise<void> {
    const history = [...(stage.status?.freightHistory ?? [])];
    const top = history[0]!;
    const previous = (top.verificationHistory ?? []).filter((entry) => entry.id !== info.id);
    history[0] = { ...top, verificationHistory: [info, ...previous].slice(0, 10) };
    await this.patchStatus(resources.stage, stage.metadata.name!, { freightHistory: history });
  }

  private async markVerified(stage: Stage, collection: FreightCollection, info: VerificationInfo): Promise<boolean> {
    let changed = false;
    for (const reference of Object.values(collection.items ?? {})) {
      const freight = await this.client.get<Freight>(resources.freight, reference.name, this.namespace);
      if (freight.status?.verifiedIn?.[stage.metadata.name!]) continue;
      await this.patchStatus(resources.freight, reference.name, {
        verifiedIn: { [stage.metadata.name!]: { verifiedAt: info.finishTime ?? timestamp() } },
      });
      changed = true;
    }
    return changed;
  }

  /** `currentlyIn` follows the Stage's current collection; leaving records the longest soak. */
  private async moveFreight(stageName: string, from: FreightCollection | undefined, to: FreightCollection): Promise<void> {
    const incoming = new Set(Object.values(to.items ?? {}).map((reference) => reference.name));
    const now = new Date();
    for (const reference of Object.values(from?.items ?? {})) {
      if (incoming.has(reference.name)) continue;
      const freight = await this.client.get<Freight>(resources.freight, reference.name, this.namespace);
      const since = freight.status?.currentlyIn?.[stageName]?.since;
      const verified = freight.status?.verifiedIn?.[stageName];
      const patch: Record<string, unknown> = { currentlyIn: { [stageName]: null } };
      if (verified && since) {
        const stayed = Math.floor((now.getTime() - Date.parse(since)) / 1000);
        patch.verifiedIn = { [stageName]: { ...verified, longestSoak: `${stayed}s` } };
      }
      await this.patchStatus(resources.freight, reference.name, patch);
    }
    for (const name of incoming) {
      await this.patchStatus(resources.freight, name, { currentlyIn: { [stageName]: { since: timestamp() } } });
    }
  }

  // ------------------------------------------------------------ AnalysisRuns (Argo Rollouts' part)

  private async reconcileAnalysisRun(run: AnalysisRun, stages: Stage[]): Promise<boolean> {
    const phase = run.status?.phase;
    if (phase && TERMINAL_VERIFICATION.has(phase)) return false;
    const name = run.metadata.name!;
    if (run.spec.terminate) {
      await this.client.patch(resources.analysisRun, name, { status: { phase: 'Successful', message: 'Run Terminated' } }, this.namespace);
      return true;
    }
    const stage = stages.find((candidate) => candidate.metadata.name === run.metadata.labels?.['kargo.akuity.io/stage']);
    if (!stage) return false;
    const plans = this.script.metrics?.(stage, run) ?? [{ name: 'success-rate', phase: 'Successful', value: '0.99' }];
    if (!phase) {
      const running: MetricResult[] = plans.map((plan) => ({
        name: plan.name,
        phase: 'Running',
        count: 1,
        successful: 1,
        measurements: [{ phase: 'Successful', value: plan.phase === 'Successful' ? plan.value : '1' }],
      }));
      await this.client.patch(resources.analysisRun, name, { status: { phase: 'Running', startedAt: timestamp(), metricResults: running } }, this.namespace);
      return true;
    }
    if (this.script.holdAnalysis?.(stage, run)) return false;
    const results: MetricResult[] = plans.map((plan) => ({
      name: plan.name,
      phase: plan.phase,
      count: 2,
      successful: plan.phase === 'Successful' ? 2 : 1,
      failed: plan.phase === 'Failed' ? 1 : 0,
      error: plan.phase === 'Error' ? 1 : 0,
      inconclusive: plan.phase === 'Inconclusive' ? 1 : 0,
      measurements: [
        { phase: 'Successful', value: '1' },
        { phase: plan.phase, value: plan.value },
      ],
    }));
    const worst = worstPhase(plans.map((plan) => plan.phase));
    await this.client.patch(
      resources.analysisRun,
      name,
      {
        status: {
          phase: worst,
          metricResults: results,
          ...(worst !== 'Successful' ? { message: `Metric "${plans.find((plan) => plan.phase === worst)?.name}" assessed ${worst}` } : {}),
        },
      },
      this.namespace,
    );
    return true;
  }

  // ------------------------------------------------------------ helpers

  private async handleRefresh(type: ResourceType, object: Stage | Warehouse): Promise<boolean> {
    const token = object.metadata.annotations?.['kargo.akuity.io/refresh'];
    if (!token || token === object.status?.lastHandledRefresh) return false;
    await this.patchStatus(type, object.metadata.name!, { lastHandledRefresh: token });
    return true;
  }

  private async list<T extends KubeObject>(type: ResourceType): Promise<T[]> {
    return (await this.client.list<T>(type, this.namespace)).items;
  }

  private async patchStatus(type: ResourceType, name: string, status: Record<string, unknown>): Promise<void> {
    await this.client.patch(type, name, { status }, this.namespace, { subresource: 'status' });
  }
}

function stepAlias(promotion: Promotion, index: number): string {
  return promotion.spec.steps?.[index]?.as ?? `step-${index + 1}`;
}

function freightReference(freight: Freight) {
  return {
    name: freight.metadata.name!,
    origin: freight.origin!,
    ...(freight.images ? { images: freight.images } : {}),
    ...(freight.commits ? { commits: freight.commits } : {}),
    ...(freight.charts ? { charts: freight.charts } : {}),
  };
}

/** SHA-1 of the sorted freight names joined with "," (FreightCollection.UpdateOrPush). */
function collectionId(items: Record<string, { name: string }>): string {
  const names = Object.values(items)
    .map((item) => item.name)
    .sort();
  return createHash('sha1').update(names.join(',')).digest('hex');
}

/** Reverify/abort annotations carry a plain id or `{"id": ...}`. */
function requestedId(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed && typeof parsed === 'object' && 'id' in parsed && typeof parsed.id === 'string') return parsed.id;
  } catch {
    // a plain id
  }
  return value;
}

function worstPhase(phases: AnalysisPhase[]): AnalysisPhase {
  for (const phase of ['Error', 'Failed', 'Inconclusive'] as const) if (phases.includes(phase)) return phase;
  return 'Successful';
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
