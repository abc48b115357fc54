// Per-object failures of `apply|create|delete`: each on its own stderr line (the
// others went ahead, as with Kargo's resource API), then the exit code of the
// first, worded and mapped as any failure is (src/cli/errors.ts).

import type { CliContext } from '../../cli/context.js';
import { exitQuietly, toReport } from '../../cli/errors.js';

export interface ObjectFailure {
  /** `stages.yaml (document 2): Stage "dev"`. */
  label: string;
  error: unknown;
}

export function endWithFailures(ctx: CliContext, failures: ObjectFailure[]): void {
  if (failures.length === 0) return;
  const reports = failures.map((failure) => ({ failure, report: toReport(failure.error) }));
  for (const { failure, report } of reports) ctx.io.stderr.write(`error: ${failure.label}: ${report.message}\n`);
  throw exitQuietly(reports[0]?.report.exitCode ?? 1);
}
