// A step for runner tests of Running steps: Running until a file appears in
// the working directory (what argocd-wait does with an Application, on disk).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, nonEmptyString, object } from '../../../src/engine/config-schema.js';
import type { StepRunner } from '../../../src/engine/step.js';

export function waitForFileStep(options: { defaultTimeoutMs?: number } = {}): StepRunner<{ path: string }> {
  return {
    kind: 'wait-for-file',
    validate: defineConfig('wait-for-file', object({ path: nonEmptyString() }, { required: ['path'] })),
    ...(options.defaultTimeoutMs !== undefined ? { defaultTimeoutMs: options.defaultTimeoutMs } : {}),
    async run(context, config) {
      if (existsSync(join(context.workDir, config.path))) return { status: 'Succeeded', output: { found: config.path } };
      return { status: 'Running', message: `waiting for ${config.path}`, retryAfterMs: 5000 };
    },
  };
}
