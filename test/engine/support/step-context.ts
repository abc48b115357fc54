// A StepContext for calling one step directly: a fresh temporary working
// directory, the system clock, and (when a test needs the cluster) a client.

import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeClient } from '../../../src/kube/client.js';
import { systemClock } from '../../../src/runtime/clock.js';
import type { StepContext, StepResult, StepRunner } from '../../../src/engine/step.js';

export function makeWorkDir(): { workDir: string; cleanup: () => void } {
  const workDir = realpathSync(mkdtempSync(join(tmpdir(), 'engine-step-')));
  return { workDir, cleanup: () => rmSync(workDir, { recursive: true, force: true }) };
}

const noClient = new Proxy({} as KubeClient, {
  get(_target, property) {
    throw new Error(`this test gave the step no cluster client (it called client.${String(property)})`);
  },
});

export function stepContext(workDir: string, overrides: Partial<StepContext> = {}): StepContext {
  return {
    workDir,
    project: 'demo',
    stage: 'test',
    promotion: 'test.01hzz.abc1234',
    alias: 'step-1',
    sharedState: {},
    freightRequests: [],
    freight: {},
    targetFreight: { name: 'abc1234' },
    client: noClient,
    clock: systemClock,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** Validates as the runner does, then runs: a schema problem is returned, not thrown. */
export async function runStep<Config>(step: StepRunner<Config>, context: StepContext, config: unknown): Promise<StepResult | { problems: string[] }> {
  const problems = step.validate(config);
  if (problems.length > 0) return { problems };
  return step.run(context, config as Config);
}
