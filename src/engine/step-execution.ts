// Kargo's LocalStepExecutor: runs one step and returns its result and error,
// the error worded as Kargo wraps it (`error running step "x": …` for an
// Errored step, `step "x": …` otherwise). A config failing the step's schema
// is a final Failed, as Kargo's built-in steps report it.

import { invalidConfigMessage } from './config-schema.js';
import type { RegisteredStep } from './registry.js';
import { TerminalStepError, type StepContext, type StepResult, type StepStatus } from './step.js';

export class StepError extends Error {
  override readonly name = 'StepError';

  constructor(
    message: string,
    readonly terminal: boolean,
  ) {
    super(message);
  }
}

export interface StepExecution {
  result: StepResult;
  error?: StepError;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function wrapped(alias: string, status: StepStatus, message: string, terminal: boolean): StepExecution {
  const text = status === 'Errored' ? `error running step ${JSON.stringify(alias)}: ${message}` : `step ${JSON.stringify(alias)}: ${message}`;
  return { result: { status }, error: new StepError(text, terminal) };
}

export async function executeStep(step: RegisteredStep, context: StepContext, config: unknown): Promise<StepExecution> {
  const problems = step.validate(config);
  if (problems.length > 0) {
    return wrapped(context.alias, 'Failed', invalidConfigMessage(step.kind, problems), true);
  }
  try {
    return { result: await step.run(context, config as never) };
  } catch (error) {
    if (error instanceof TerminalStepError) return wrapped(context.alias, error.status, error.message, true);
    return wrapped(context.alias, 'Errored', errorText(error), false);
  }
}
