// `kargo status` (also `kargo get pipeline`): the project's pipeline as a picture,
// or as graph data with -o json|yaml.

import { Command } from 'commander';
import { stringify } from 'yaml';
import type { CliContext } from '../cli/context.js';
import { missingProject, usageError } from '../cli/errors.js';
import { withExamples } from '../cli/help.js';
import { openSession } from '../cli/session.js';
import { renderPipeline } from '../output/pipeline.js';
import { pipelineStyle } from '../output/pipeline-style.js';
import { formatSoak } from '../rules/duration.js';
import { loadPipeline } from '../usecases/status.js';

export function statusCommand(ctx: CliContext, name = 'status'): Command {
  const command = new Command(name)
    .description("Draw the project's pipeline: warehouses to stages, with each stage's freight, health, verification and soak")
    .action(async (_options: unknown, self: Command) => {
      const session = openSession(ctx, self);
      const output = session.options.output;
      if (output !== undefined && output !== 'json' && output !== 'yaml') {
        throw usageError(`-o ${output} is not supported by ${name}`, 'Use -o json or -o yaml for the graph data, or no -o for the picture.');
      }
      const project = await session.project();
      const graph = await loadPipeline(await session.client(), project, ctx.clock.now());
      if (!graph) throw missingProject(project);
      if (output === 'json') ctx.io.stdout.write(`${JSON.stringify(graph, null, 2)}\n`);
      else if (output === 'yaml') ctx.io.stdout.write(stringify(graph));
      else {
        const style = pipelineStyle(ctx.io.stdout, ctx.env, session.options.color);
        const columns = ctx.io.stdout.columns;
        ctx.io.stdout.write(renderPipeline(graph, { ...style, ...(columns ? { columns } : {}), formatDuration: formatSoak }));
      }
    });
  return withExamples(command, [
    ['Draw the pipeline of a project', `kargo ${name} -p my-web-app`],
    ['The same graph as data, for scripts', `kargo ${name} -p my-web-app -o json`],
  ]);
}
