// Commands that act on several names go on past a failed one, as Kargo's CLI
// does; at the end one failure is raised as usual (message and hint), several
// are listed one per line and the first's exit code is kept.

import type { CliContext } from '../../cli/context.js';
import { exitQuietly, toReport } from '../../cli/errors.js';

export function raiseFailures(ctx: CliContext, failures: unknown[]): void {
  if (failures.length === 0) return;
  if (failures.length === 1) throw failures[0];
  const reports = failures.map(toReport);
  for (const report of reports) ctx.io.stderr.write(`error: ${report.message}\n`);
  throw exitQuietly(reports[0]?.exitCode ?? 1);
}
