// `kargo create project NAME`.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../cli/output-options.js';
import { openSession } from '../cli/session.js';
import { resources } from '../kube/resources.js';
import { formatOperation } from '../output/operation-result.js';
import { nameProblem } from '../rules/kubernetes-names.js';
import { fail } from '../runtime/failure.js';
import { createProject } from '../usecases/create-project.js';
import { noteNamespaces } from './shared/project-namespaces.js';

export function createProjectCommand(ctx: CliContext): Command {
  const command = new Command('project')
    .description('Create a project')
    .argument('<project>', 'the new project (also the name of its namespace)')
    .action(async (name: string, flags: TemplateFlags, self: Command) => {
      const problem = nameProblem(name.trim(), 'project');
      if (problem) fail('usage', `project name "${name}" ${problem}.`);
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const { project, namespaceCreated } = await createProject(await session.client(), name.trim());
      ctx.io.stdout.write(await formatOperation([{ type: resources.project, object: project }], 'created', spec, session.options.headers));
      noteNamespaces(ctx, namespaceCreated ? [name.trim()] : []);
    });
  addTemplateOptions(command);
  return withExamples(command, [['Create project', 'kargo create project my-project']]);
}
