// Steps that need a hosted provider's API (pull requests, GitHub's commit
// API, OCI registries). Their configs are still checked, so a typo is reported
// as Kargo would; a valid one ends in a clear "not supported" error.

import { defineConfig, type JsonSchema } from '../config-schema.js';
import { TerminalStepError, type StepRunner } from '../step.js';

export function unsupportedStep(kind: string, schema: JsonSchema, needs: string): StepRunner {
  return {
    kind,
    validate: defineConfig(kind, schema),
    async run() {
      throw new TerminalStepError(
        `step kind ${JSON.stringify(kind)} is not supported by this engine: it needs ${needs}; ` +
          'run this Promotion with a Kargo controller, or use git-push to a branch instead',
      );
    },
  };
}

export const PROVIDERS = ['azure', 'bitbucket', 'gitea', 'github', 'gitlab'] as const;
