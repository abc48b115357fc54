// `kargo create -f FILE|DIR|-` and `kargo create project NAME`: create, refusing
// (before anything is written) objects that already exist, as Kargo's API does.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../cli/output-options.js';
import { openSession } from '../cli/session.js';
import { formatOperation } from '../output/operation-result.js';
import { describe, writeManifests } from '../usecases/write-manifests.js';
import { createProjectCommand } from './create-project.js';
import { addManifestOptions, type ManifestFlags, plannedObjects } from './shared/manifest-flags.js';
import { endWithFailures } from './shared/object-failures.js';
import { noteNamespaces } from './shared/project-namespaces.js';

/** `kargo create <kind>` subcommands, each in its own module. */
const SUBCOMMANDS: ((ctx: CliContext) => Command)[] = [createProjectCommand];

export function createCommand(ctx: CliContext): Command {
  const command = addManifestOptions(new Command('create').description('Create a resource from a file or from stdin'), 'create').action(
    async (flags: ManifestFlags & TemplateFlags, self: Command) => {
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const planned = await plannedObjects(ctx, session, flags, 'write');
      const report = await writeManifests(await session.client(), planned, 'create');
      ctx.io.stdout.write(
        await formatOperation(
          report.created.map(({ planned: { type }, object }) => ({ type, object })),
          'created',
          spec,
          session.options.headers,
        ),
      );
      noteNamespaces(ctx, report.namespacesCreated);
      endWithFailures(
        ctx,
        report.failed.map(({ planned: object, error }) => ({ label: `${object.where}: ${describe(object)}`, error })),
      );
    },
  );
  addTemplateOptions(command);
  for (const subcommand of SUBCOMMANDS) command.addCommand(subcommand(ctx));
  return withExamples(command, [
    ['Create a stage using the data in stage.yaml', 'kargo create -f stage.yaml'],
    ['Create a project', 'kargo create project my-project'],
  ]);
}
