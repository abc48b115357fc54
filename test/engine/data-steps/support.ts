// Test harness for the data-file steps: a temp working directory with real
// files, and a StepContext around it. Steps here never reach a cluster unless
// a test passes a real client; the default one refuses every call.

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect } from 'vitest';
import type { KubeClient } from '../../../src/kube/client.js';
import { systemClock } from '../../../src/runtime/clock.js';
import type { StepContext, StepResult, StepRunner } from '../../../src/engine/step.js';

const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh working directory holding `files` (path → contents). */
export async function workDirWith(files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kargo-data-steps-'));
  created.push(dir);
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), contents);
  }
  return dir;
}

export const readText = (workDir: string, path: string): Promise<string> => readFile(join(workDir, path), 'utf8');

const noCluster = new Proxy({} as KubeClient, {
  get: (_target, property) => {
    if (property === 'then') return undefined;
    return () => {
      throw new Error(`this test has no cluster (KubeClient.${String(property)} was called)`);
    };
  },
});

export function stepContext(workDir: string, overrides: Partial<StepContext> = {}): StepContext {
  return {
    workDir,
    project: 'demo',
    stage: 'dev',
    promotion: 'dev.01.abc',
    alias: 'step-1',
    sharedState: {},
    freightRequests: [],
    freight: { items: {} },
    targetFreight: { name: 'abc' },
    client: noCluster,
    clock: systemClock,
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** Validates the config as the runner would (it must be valid), then runs the step. */
export async function runStep<C>(step: StepRunner<C>, workDir: string, config: C, overrides: Partial<StepContext> = {}): Promise<StepResult> {
  expect(step.validate(config)).toEqual([]);
  return step.run(stepContext(workDir, overrides), config);
}
