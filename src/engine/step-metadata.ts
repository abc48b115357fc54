// The bookkeeping of one step's StepExecutionMetadata, as Kargo's
// promotion.StepMetadata does it; timestamps are RFC 3339 to the second.

import type { StepExecutionMetadata } from '../model/kargo.js';
import type { Clock } from '../runtime/clock.js';

export const timestamp = (clock: Clock): string =>
  clock
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');

/** The entry for `alias`, appended (with continueOnError) on first sight. */
export function metadataFor(metas: StepExecutionMetadata[], alias: string, continueOnError: boolean): StepExecutionMetadata {
  const existing = metas.find((meta) => meta.alias === alias);
  if (existing) return existing;
  const created: StepExecutionMetadata = { alias, ...(continueOnError ? { continueOnError: true } : {}) };
  metas.push(created);
  return created;
}

export function markStarted(meta: StepExecutionMetadata, clock: Clock): void {
  if (meta.startedAt) return;
  meta.startedAt = timestamp(clock);
  delete meta.errorCount; // omitempty in Kargo: no errors yet is no field
}

export function markFinished(meta: StepExecutionMetadata, clock: Clock): void {
  meta.finishedAt ??= timestamp(clock);
}
