// compose-output: its config becomes its output; inside a task the output is
// also merged into the task's alias, so `outputs.<task>.<key>` works outside.

import { anyObject, defineConfig } from '../config-schema.js';
import type { StepRunner } from '../step.js';

export const composeOutputStep: StepRunner = {
  kind: 'compose-output',
  validate: defineConfig('compose-output', anyObject({ minProperties: 1 })),
  propagatesTaskOutput: true,
  async run(_context, config) {
    return { status: 'Succeeded', output: structuredClone(config) };
  },
};
