// fail: ends the Promotion as Failed, with an optional message.

import { defineConfig, nonEmptyString, object } from '../config-schema.js';
import { TerminalStepError, type StepRunner } from '../step.js';

export interface FailConfig {
  message?: string;
}

export const failStep: StepRunner<FailConfig> = {
  kind: 'fail',
  validate: defineConfig('fail', object({ message: nonEmptyString() })),
  async run(_context, config) {
    throw new TerminalStepError(config.message ? `failed: ${config.message}` : 'failed', { status: 'Failed' });
  },
};
