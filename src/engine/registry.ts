// One registry of built-in steps: `uses:` kind → StepRunner.

import type { StepRunner } from './step.js';

/**
 * A step of any config type. Its config is only known to be valid once its
 * own `validate` said so, hence `never` until then.
 */
export type RegisteredStep = StepRunner<never>;

export class StepRegistry {
  readonly #runners = new Map<string, RegisteredStep>();

  constructor(runners: Iterable<RegisteredStep> = []) {
    for (const runner of runners) this.register(runner);
  }

  register(runner: RegisteredStep): this {
    this.#runners.set(runner.kind, runner);
    return this;
  }

  get(kind: string): RegisteredStep | undefined {
    return this.#runners.get(kind);
  }

  kinds(): string[] {
    return [...this.#runners.keys()].sort();
  }
}

/** Kargo's message for a `uses:` no runner is registered for. */
export function unregisteredStepMessage(kind: string): string {
  return (
    `step kind ${JSON.stringify(kind)} is not registered; verify the kind is correct; ` +
    'if you are a Kargo Enterprise user, you may need to enable the promotion controller'
  );
}
