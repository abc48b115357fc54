// `kargo logs NAME [--metric M] [--container C] [-f]`: the logs of a
// verification's (AnalysisRun's) job, read from its pods through `pods/log`.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { openSession } from '../cli/session.js';
import { findVerificationLogs } from '../usecases/verification-logs.js';

interface LogsFlags {
  metric?: string;
  container?: string;
  follow?: boolean;
}

export function logsCommand(ctx: CliContext): Command {
  const command = new Command('logs')
    .description('View logs of AnalysisRuns (verifications) that utilize JobMetrics, from their Job pods')
    .argument('<name>', 'the AnalysisRun')
    .option('--metric <metric>', 'a specific JobMetric of the AnalysisRun')
    .option('--container <container>', 'a specific container specified by the JobMetric')
    .option('-f, --follow', 'keep streaming while the job runs')
    .action(async (name: string, flags: LogsFlags, self: Command) => {
      const session = openSession(ctx, self);
      const { client, project } = await session.target();
      const logs = await findVerificationLogs(client, project, name.trim(), {
        ...(flags.metric ? { metric: flags.metric } : {}),
        ...(flags.container ? { container: flags.container } : {}),
      });
      for (const [index, pod] of logs.pods.entries()) {
        if (logs.pods.length > 1) ctx.io.stderr.write(`==> pod ${pod} (attempt ${index + 1} of ${logs.pods.length}) <==\n`);
        const last = index === logs.pods.length - 1;
        for await (const chunk of client.podLog(logs.jobNamespace, pod, {
          container: logs.container,
          follow: (flags.follow ?? false) && last,
          signal: ctx.signal,
        })) {
          ctx.io.stdout.write(chunk);
        }
      }
    });
  return withExamples(command, [
    ['Show logs from an AnalysisRun with one JobMetric', 'kargo logs --project=my-project some-analysis-run'],
    ['Logs of one JobMetric and container, following them', 'kargo logs -p my-project some-analysis-run --metric=smoke --container=test -f'],
  ]);
}
