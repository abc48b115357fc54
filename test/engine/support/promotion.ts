// Builds Promotions for runner tests and runs passes of the runner the way a
// controller would: write back the returned status, run again.

import type { Freight, Promotion, PromotionStep, Stage, ExpressionVariable } from '../../../src/model/kargo.js';
import type { Clock } from '../../../src/runtime/clock.js';
import { builtinStepRegistry } from '../../../src/engine/builtin-steps.js';
import type { StepRegistry } from '../../../src/engine/registry.js';
import { runPromotion, type PromotionRunInput, type PromotionRunResult } from '../../../src/engine/runner.js';
import type { ClusterSnapshot } from '../../../src/engine/snapshot.js';
import type { KubeClient } from '../../../src/kube/client.js';
import { freightObject, stageObject, warehouseObject } from './objects.js';

export const PROJECT = 'demo';

/** A clock tests move by hand; sleep resolves at once and advances it. */
export function manualClock(start = '2026-01-01T10:00:00Z'): Clock & { advance(ms: number): void } {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance(ms) {
      now += ms;
    },
    async sleep(ms) {
      now += ms;
    },
  };
}

export function promotionWith(steps: PromotionStep[], options: { vars?: ExpressionVariable[]; annotations?: Record<string, string> } = {}): Promotion {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Promotion',
    metadata: {
      name: 'test.01jabcdefghjkmnpqrstvwxyz0.f1abcde',
      namespace: PROJECT,
      annotations: { 'kargo.akuity.io/create-actor': 'kubernetes:alice', ...options.annotations },
    },
    spec: { stage: 'test', freight: 'f1abcde', ...(options.vars ? { vars: options.vars } : {}), steps },
  };
}

export interface RunnerFixture {
  stage: Stage;
  freight: Freight | undefined;
  snapshot: ClusterSnapshot;
  workDir: string;
  clock: Clock;
  registry?: StepRegistry;
  client?: KubeClient;
  signal?: AbortSignal;
  freshWorkDir?: boolean;
}

export function defaultFixture(workDir: string, clock: Clock): RunnerFixture {
  const stage = stageObject('test', PROJECT);
  const freight = freightObject('f1abcde', PROJECT, { alias: 'happy-fox' });
  return {
    stage,
    freight,
    snapshot: { warehouses: [warehouseObject('apps', PROJECT)], freightObjects: [freight], stages: [stage], configMaps: [], secrets: [] },
    workDir,
    clock,
  };
}

const noClient = new Proxy({} as KubeClient, {
  get(_target, property) {
    throw new Error(`runner test without a cluster: a step called client.${String(property)}`);
  },
});

/** One pass of the runner; the returned status is written back onto the Promotion, as a controller would. */
export async function runPass(promotion: Promotion, fixture: RunnerFixture): Promise<PromotionRunResult> {
  const input: PromotionRunInput = {
    promotion,
    stage: fixture.stage,
    freight: fixture.freight,
    snapshot: fixture.snapshot,
    client: fixture.client ?? noClient,
    clock: fixture.clock,
    workDir: fixture.workDir,
    freshWorkDir: fixture.freshWorkDir ?? false,
    signal: fixture.signal ?? new AbortController().signal,
    registry: fixture.registry ?? builtinStepRegistry(),
  };
  const result = await runPromotion(input);
  promotion.status = result.status;
  return result;
}
