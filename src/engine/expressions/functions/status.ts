// Kargo's status functions (pkg/expressions/function/functions.go), allowed
// in a step's `if` and `config`: success(), failure(), always(), status().

import type { StepExecutionMetadata } from '../../../model/kargo.js';
import { expectCount, expectString } from './args.js';

const ALIAS_SEPARATOR = '::';

/** Kargo's StepExecutionMetadataList.HasFailures: a Failed or Errored step not marked continueOnError. */
export function hasFailures(metas: readonly StepExecutionMetadata[]): boolean {
  return metas.some((meta) => !meta.continueOnError && (meta.status === 'Failed' || meta.status === 'Errored'));
}

export function statusFunctions(metas: readonly StepExecutionMetadata[], currentAlias = ''): Record<string, unknown> {
  return {
    always: (...args: unknown[]) => (expectCount(args, 0), true),
    failure: (...args: unknown[]) => (expectCount(args, 0), hasFailures(metas)),
    success: (...args: unknown[]) => (expectCount(args, 0), !hasFailures(metas)),
    status: (...args: unknown[]) => stepStatus(metas, currentAlias, args),
  };
}

/** The status of the step `alias` in the same task as the current step ('' when unknown). */
function stepStatus(metas: readonly StepExecutionMetadata[], currentAlias: string, args: readonly unknown[]): string {
  expectCount(args, 1);
  const alias = expectString(args[0], 'argument');
  if (alias === '') throw new Error('argument must not be empty');
  const namespace = namespaceOf(currentAlias);
  for (const meta of metas) {
    const parts = (meta.alias ?? '').split(ALIAS_SEPARATOR);
    const [stepNamespace, shortAlias] = parts.length === 2 ? [parts[0]!, parts[1]!] : ['', meta.alias ?? ''];
    if (stepNamespace === namespace && shortAlias === alias) return meta.status ?? '';
  }
  return '';
}

/** `task-1` of `task-1::step-2`; '' for a step not inflated from a task. */
export function namespaceOf(alias: string): string {
  const parts = alias.split(ALIAS_SEPARATOR);
  return parts.length === 2 ? parts[0]! : '';
}
