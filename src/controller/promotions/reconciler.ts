// The Promotion reconciler's wiring: informers on Promotions and Stages (all
// namespaces) feed a work queue keyed by Stage (`namespace/stage`), whose
// reconcile is reconcileStage. An abort request on a Promotion whose steps
// are running reaches them at once through their signal. AnalysisRuns wake
// the Stage they verify and, unless Argo Rollouts does it, are driven here.

import { PromotionTermination, abortRequestOf } from '../../engine/abort-request.js';
import type { ProviderOptions } from '../../analysis/index.js';
import type { StepRegistry } from '../../engine/registry.js';
import type { KubeClient } from '../../kube/client.js';
import type { InformerEvent } from '../../kube/informer.js';
import { resources } from '../../kube/resources.js';
import type { AnalysisRun } from '../../model/analysis.js';
import type { Freight, KubeObject, Promotion, Stage } from '../../model/kargo.js';
import type { Clock } from '../../runtime/clock.js';
import { engineResources } from '../../engine/kube-resources.js';
import { isControlFlow } from '../control-flow/is-control-flow.js';
import { FreightCache } from '../freight-cache.js';
import { ApplicationIndex } from '../health/application-index.js';
import { analysisRunReconcile, stageKeyOf } from '../verification/analysis-driver.js';
import { unlessNotServed, watchAll, watchEvents } from '../watching.js';
import { WorkQueue } from '../work-queue.js';
import { reconcileStage } from './reconcile-stage.js';
import { StageScope, shardSelector } from '../shard.js';

export interface PromotionReconcilerOptions {
  client: KubeClient;
  clock: Clock;
  workRoot: string;
  registry: StepRegistry;
  signal: AbortSignal;
  requeue?: { defaultMs: number; minMs: number };
  onError?: (key: string, error: unknown) => void;
  /** Drive AnalysisRuns here (no Argo Rollouts controller on the cluster); `false` leaves them to Argo Rollouts. */
  analysis?: false | ProviderOptions;
  controllerInstanceId?: string;
  /** Kargo's shard: only Stages and Promotions labelled for it (none: only those labelled for no shard). */
  shard?: string;
}

const KARGO_REQUEUE = { defaultMs: 5 * 60_000, minMs: 10_000 };

/** Runs until the signal aborts; resolves once every reconcile in flight has finished. */
export async function runPromotionReconciler(options: PromotionReconcilerOptions): Promise<void> {
  const { client, clock, signal } = options;
  const running = new Map<string, AbortController>();
  const applications = new ApplicationIndex();
  const freight = new FreightCache();
  const controlFlow = new Set<string>();
  const scope = new StageScope();
  const selector = shardSelector(options.shard);
  const queue = new WorkQueue({
    clock,
    signal,
    ...(options.onError ? { onError: options.onError } : {}),
    reconcile: (key) => {
      const [namespace = '', name = ''] = key.split('/');
      return reconcileStage(
        {
          client,
          clock,
          workRoot: options.workRoot,
          registry: options.registry,
          requeue: options.requeue ?? KARGO_REQUEUE,
          runSignal: (promotion) => runSignalFor(running, promotion, signal),
          stopping: signal,
          ...(options.controllerInstanceId ? { controllerInstanceId: options.controllerInstanceId } : {}),
          onHealthChecked: (stageKey, checks) => applications.track(stageKey, checks),
          freightOf: (namespace) => freight.list(namespace),
        },
        namespace,
        name,
      );
    },
  });

  const onPromotion = (promotion: Promotion): void => {
    const request = abortRequestOf(promotion);
    if (request?.action === 'terminate') running.get(keyOf(promotion))?.abort(new PromotionTermination(request.actor));
    queue.add(`${promotion.metadata.namespace ?? ''}/${promotion.spec.stage}`);
  };
  const onStage = (stage: Stage): void => {
    if (isControlFlow(stage) && !stage.metadata.deletionTimestamp) controlFlow.add(keyOf(stage));
    else controlFlow.delete(keyOf(stage));
    for (const run of scope.admit(keyOf(stage))) analysis?.add(run);
    queue.add(keyOf(stage));
  };
  // A control-flow Stage verifies whatever Freight becomes available to it.
  const onFreight = (event: InformerEvent<Freight>): void => {
    freight.apply(event);
    const namespace = event.object?.metadata.namespace;
    for (const key of controlFlow) if (namespace === undefined || key.startsWith(`${namespace}/`)) queue.add(key);
  };
  const analysis =
    options.analysis === false
      ? undefined
      : new WorkQueue({
          clock,
          signal,
          ...(options.onError ? { onError: options.onError } : {}),
          reconcile: analysisRunReconcile(client, clock, options.analysis ?? {}),
        });
  // Another shard's AnalysisRuns are left to its controller; those of no Stage to the default one.
  const onAnalysisRun = (run: AnalysisRun): void => {
    const stage = stageKeyOf(run);
    if (stage ? !scope.owns(stage, keyOf(run)) : options.shard) return;
    analysis?.add(keyOf(run));
    if (stage) queue.add(stage);
  };

  await Promise.all([
    watchAll<Promotion>(client, resources.promotion, clock, signal, onPromotion, selector),
    watchAll<Stage>(client, resources.stage, clock, signal, onStage, selector),
    watchEvents<Freight>(client, resources.freight, clock, signal, onFreight),
    // Without Argo Rollouts' or Argo CD's CRDs there is nothing of theirs to watch.
    unlessNotServed(watchAll<AnalysisRun>(client, resources.analysisRun, clock, signal, onAnalysisRun)),
    unlessNotServed(
      watchAll<KubeObject>(client, engineResources.application, clock, signal, (app) => {
        for (const stage of applications.stagesFor(keyOf(app))) queue.add(stage);
      }),
    ),
  ]);
  for (const controller of running.values()) controller.abort(signal.reason);
  await Promise.all([queue.drain(), analysis?.drain()]);
}

function runSignalFor(running: Map<string, AbortController>, promotion: Promotion, stop: AbortSignal): { signal: AbortSignal; done(): void } {
  const controller = new AbortController();
  const key = keyOf(promotion);
  running.set(key, controller);
  const onStop = (): void => controller.abort(stop.reason);
  stop.addEventListener('abort', onStop, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      stop.removeEventListener('abort', onStop);
      if (running.get(key) === controller) running.delete(key);
    },
  };
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}
