// `--wait=verification`: follows the Stage until its verification of one freight
// collection reaches a result, and follows the AnalysisRun behind it so the user
// sees each metric as it is measured.

import type { KubeClient } from '../kube/client.js';
import type { ReconnectInfo } from '../kube/informer.js';
import { resources } from '../kube/resources.js';
import type { AnalysisRun, Stage } from '../model/kargo.js';
import { type TrackedCollection, type VerificationStanding, verificationStanding } from '../rules/verification-tracking.js';
import { watchObject } from './watch-object.js';

export interface VerificationSnapshot {
  stage: Stage;
  standing: VerificationStanding;
  analysisRun?: AnalysisRun;
  /** After a Successful verification: the Freight (alias or name) Kargo has yet to mark verified in the Stage. */
  awaitingVerifiedIn?: string;
}

export type FollowVerificationResult =
  | { kind: 'finished' | 'superseded'; snapshot: VerificationSnapshot }
  | { kind: 'stopped'; snapshot?: VerificationSnapshot }
  | { kind: 'stage-deleted' };

export interface FollowVerificationOptions {
  signal: AbortSignal;
  onChange(snapshot: VerificationSnapshot): void;
  /** The Stage's watch lost the cluster and is retrying (the informer rides it out). */
  onReconnecting?(info: ReconnectInfo): void;
}

export async function followVerification(
  client: KubeClient,
  namespace: string,
  stageName: string,
  tracked: TrackedCollection,
  options: FollowVerificationOptions,
): Promise<FollowVerificationResult> {
  let snapshot: VerificationSnapshot | undefined;
  const runFollower = new AnalysisRunFollower(client, namespace, options.signal, (run) => {
    if (!snapshot) return;
    snapshot = { ...snapshot, analysisRun: run };
    options.onChange(snapshot);
  });

  try {
    for await (const stage of watchObject<Stage>(client, resources.stage, namespace, stageName, {
      signal: options.signal,
      ...(options.onReconnecting ? { onReconnecting: (info: ReconnectInfo) => options.onReconnecting?.(info) } : {}),
    })) {
      if (!stage) return { kind: 'stage-deleted' };
      const standing = verificationStanding(stage, tracked);
      const runName = standing.kind === 'running' || standing.kind === 'finished' ? standing.verification.analysisRun?.name : undefined;
      const run = runName ? await runFollower.follow(runName) : undefined;
      snapshot = { stage, standing, ...(run ? { analysisRun: run } : {}) };
      options.onChange(snapshot);
      if (standing.kind === 'finished' || standing.kind === 'superseded') return { kind: standing.kind, snapshot };
    }
    return { kind: 'stopped', ...(snapshot ? { snapshot } : {}) };
  } catch (error) {
    if (options.signal.aborted) return { kind: 'stopped', ...(snapshot ? { snapshot } : {}) };
    throw error;
  } finally {
    runFollower.stop();
  }
}

/** Watches at most one AnalysisRun at a time, switching when the Stage points at another. */
class AnalysisRunFollower {
  private name: string | undefined;
  private latest: AnalysisRun | undefined;
  private controller: AbortController | undefined;

  constructor(
    private readonly client: KubeClient,
    private readonly namespace: string,
    private readonly parent: AbortSignal,
    private readonly onRun: (run: AnalysisRun) => void,
  ) {}

  /** Starts following `name` (if not already) and returns its current state. */
  async follow(name: string): Promise<AnalysisRun | undefined> {
    if (name === this.name) return this.latest;
    this.stop();
    this.name = name;
    this.latest = await this.client.get<AnalysisRun>(resources.analysisRun, name, this.namespace).catch(() => undefined);
    const controller = new AbortController();
    this.controller = controller;
    const onParentAbort = () => controller.abort();
    this.parent.addEventListener('abort', onParentAbort, { once: true });
    void this.pump(name, controller.signal).finally(() => this.parent.removeEventListener('abort', onParentAbort));
    return this.latest;
  }

  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.name = undefined;
  }

  private async pump(name: string, signal: AbortSignal): Promise<void> {
    try {
      for await (const run of watchObject<AnalysisRun>(this.client, resources.analysisRun, this.namespace, name, { signal })) {
        if (signal.aborted || !run) return;
        if (run.metadata.resourceVersion === this.latest?.metadata.resourceVersion) continue;
        this.latest = run;
        this.onRun(run);
      }
    } catch {
      // The run is only shown for progress; the Stage decides the outcome.
    }
  }
}
