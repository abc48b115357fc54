// `kargo apply -f FILE|DIR|-`: create what does not exist and replace what does,
// as Kargo's API server does for its CLI (an upsert at the resourceVersion read).

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../cli/output-options.js';
import { openSession } from '../cli/session.js';
import { formatOperation } from '../output/operation-result.js';
import { describe, writeManifests } from '../usecases/write-manifests.js';
import { addManifestOptions, type ManifestFlags, plannedObjects } from './shared/manifest-flags.js';
import { endWithFailures } from './shared/object-failures.js';
import { noteNamespaces } from './shared/project-namespaces.js';

export function applyCommand(ctx: CliContext): Command {
  const command = addManifestOptions(
    new Command('apply').description('Apply a resource from a file or from stdin (create it, or replace it if it exists)'),
    'apply',
  ).action(async (flags: ManifestFlags & TemplateFlags, self: Command) => {
    const session = openSession(ctx, self);
    const spec = await outputSpecOf(session.options, flags);
    const planned = await plannedObjects(ctx, session, flags, 'write');
    const report = await writeManifests(await session.client(), planned, 'apply');
    const created = report.created.map(({ planned: { type }, object }) => ({ type, object }));
    const configured = report.configured.map(({ planned: { type }, object }) => ({ type, object }));
    const createdLines = await formatOperation(created, 'created', spec, session.options.headers);
    ctx.io.stdout.write(createdLines + (await formatOperation(configured, 'configured', spec, false)));
    noteNamespaces(ctx, report.namespacesCreated);
    endWithFailures(
      ctx,
      report.failed.map(({ planned: object, error }) => ({ label: `${object.where}: ${describe(object)}`, error })),
    );
  });
  addTemplateOptions(command);
  return withExamples(command, [
    ['Apply a stage using the data in stage.yaml', 'kargo apply -f stage.yaml'],
    ['Apply the YAML resources in the stages directory', 'kargo apply -f stages/'],
    ['Apply a whole tree of manifests, and what a script pipes in', 'kargo apply -R -f pipeline/ && generate-stages | kargo apply -f -'],
  ]);
}
