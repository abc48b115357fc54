// The one place the workflow use-cases create user-facing errors, so every
// refusal carries its exit code and a message that says what, why and what next.

import type { ExitCode } from '../cli/exit-codes.js';

export class WorkflowError extends Error {
  override name = 'WorkflowError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

export function fail(exitCode: ExitCode, message: string): never {
  throw new WorkflowError(exitCode, message);
}

/** Rules word their messages as clauses; end one as a sentence before appending what to do next. */
export function sentence(text: string): string {
  return /[.!?:]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`;
}
