// `kargo status` (also `kargo get pipeline`): the project's pipeline as a picture,
// or as graph data with -o json|yaml.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { openSession } from '../cli/session.js';
import { showPipeline } from './shared/show-pipeline.js';

export function statusCommand(ctx: CliContext): Command {
  const command = new Command('status')
    .description("Draw the project's pipeline: warehouses to stages, with each stage's freight, health, verification and soak")
    .action((_options: unknown, self: Command) => showPipeline(openSession(ctx, self), 'status'));
  return withExamples(command, [
    ['Draw the pipeline of a project', 'kargo status -p my-web-app'],
    ['The same graph as data, for scripts', 'kargo status -p my-web-app -o json'],
    ['The same picture, kubectl-style', 'kargo get pipeline -p my-web-app'],
  ]);
}
