// `kargo delete -f FILE|DIR|-` and `kargo delete <kind> NAME...`.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../cli/output-options.js';
import { openSession } from '../cli/session.js';
import { formatOperation } from '../output/operation-result.js';
import { deleteManifests } from '../usecases/delete-manifests.js';
import { describe } from '../usecases/write-manifests.js';
import { deleteFreightCommand, deleteNamedCommands } from './delete-named.js';
import { addManifestOptions, type ManifestFlags, plannedObjects } from './shared/manifest-flags.js';
import { endWithFailures } from './shared/object-failures.js';

/** `kargo delete <kind>` subcommands, each built in its own module. */
const SUBCOMMANDS: ((ctx: CliContext) => Command[])[] = [(ctx) => [deleteFreightCommand(ctx)], deleteNamedCommands];

export function deleteCommand(ctx: CliContext): Command {
  const command = addManifestOptions(new Command('delete').description('Delete resources by file and names'), 'delete').action(
    async (flags: ManifestFlags & TemplateFlags, self: Command) => {
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const planned = await plannedObjects(ctx, session, flags, 'delete');
      const report = await deleteManifests(await session.client(), planned);
      ctx.io.stdout.write(
        await formatOperation(
          report.deleted.map(({ planned: { type }, object }) => ({ type, object })),
          'deleted',
          spec,
          session.options.headers,
        ),
      );
      endWithFailures(
        ctx,
        report.failed.map(({ planned: object, error }) => ({ label: `${object.where}: ${describe(object)}`, error })),
      );
    },
  );
  addTemplateOptions(command);
  for (const build of SUBCOMMANDS) for (const subcommand of build(ctx)) command.addCommand(subcommand);
  return withExamples(command, [
    ['Delete a stage using the data in stage.yaml', 'kargo delete -f stage.yaml'],
    ['Delete the YAML resources in the stages directory', 'kargo delete -f stages/'],
    ['Delete a project', 'kargo delete project my-project'],
    ['Delete a stage', 'kargo delete stage --project=my-project my-stage'],
    ['Delete a warehouse', 'kargo delete warehouse --project=my-project my-warehouse'],
  ]);
}
