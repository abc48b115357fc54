// `kargo delete freight|stage|warehouse|project|projectconfig|clusterconfig`,
// with Kargo's CLI's spellings: Freight by `--name`/`--alias` (repeatable) or
// positional names or aliases; the others by positional names.

import { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../cli/output-options.js';
import { openSession } from '../cli/session.js';
import { apiVersionOf, resources } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';
import { formatOperation } from '../output/operation-result.js';
import { nameProblem, type NameRule } from '../rules/kubernetes-names.js';
import { fail } from '../runtime/failure.js';
import { deleteFreight } from '../usecases/delete-freight.js';
import { CLUSTER_CONFIG_NAME, deleteNamed, NAMED_KINDS, type NamedKind, requireProject } from '../usecases/delete-named.js';
import { endWithFailures, type ObjectFailure } from './shared/object-failures.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function deleteFreightCommand(ctx: CliContext): Command {
  const command = new Command('freight')
    .description('Delete freight by name or alias (refused while a Stage holds it)')
    .argument('[names...]', 'names or aliases of the Freight')
    .option('--name <name>', 'name of a piece of freight to delete (repeatable)', collect, [])
    .option('--alias <alias>', 'alias of a piece of freight to delete (repeatable)', collect, [])
    .action(async (names: string[], flags: { name: string[]; alias: string[] } & TemplateFlags, self: Command) => {
      const values = [...new Set([...names, ...flags.name, ...flags.alias])];
      if (values.length === 0) fail('usage', 'name or alias is required', 'Name the Freight: kargo delete freight --name NAME (or --alias ALIAS).');
      checkAll(values, 'object-or-alias', 'Freight name or alias');
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const [client, project] = await Promise.all([session.client(), session.project()]);
      await requireProject(client, project);
      const deleted = await deleteFreight(client, project, values);
      const written = deleted.map(({ given }) => ({ type: resources.freight, object: stub('Freight', given, project) }));
      ctx.io.stdout.write(await formatOperation(written, 'deleted', spec, session.options.headers));
    });
  addTemplateOptions(command);
  return withExamples(command, [
    ['Delete a piece of freight by name', 'kargo delete freight --project=my-project --name=abc123'],
    ['Delete a piece of freight by alias', 'kargo delete freight --project=my-project --alias=my-alias'],
    ['Delete multiple pieces of freight by name', 'kargo delete freight --project=my-project --name=abc123 --name=def456'],
  ]);
}

export function deleteNamedCommands(ctx: CliContext): Command[] {
  return [
    byNames(ctx, 'stage', 'Delete stage by name', ['kargo delete stage --project=my-project my-stage1 my-stage2']),
    byNames(ctx, 'warehouse', 'Delete warehouse by name', ['kargo delete warehouse --project=my-project my-warehouse']),
    byNames(ctx, 'project', 'Delete project by name', ['kargo delete project my-project1 my-project2']),
    singleton(ctx, 'projectconfig', 'Delete project configuration', 'kargo delete projectconfig --project=my-project'),
    singleton(ctx, 'clusterconfig', 'Delete cluster configuration', 'kargo delete clusterconfig'),
  ];
}

function byNames(ctx: CliContext, kind: 'stage' | 'warehouse' | 'project', description: string, examples: string[]): Command {
  const { type, label } = NAMED_KINDS[kind];
  const command = new Command(kind)
    .alias(type.plural)
    .description(description)
    .argument('<names...>', `the ${label}s to delete`)
    .action(async (names: string[], flags: TemplateFlags, self: Command) => {
      const unique = [...new Set(names)];
      checkAll(unique, kind === 'project' ? 'project' : 'object', `${label} name`);
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const client = await session.client();
      const project = type.namespaced ? await session.project() : undefined;
      if (project) await requireProject(client, project);
      const deleted: KubeObject[] = [];
      const failures: ObjectFailure[] = [];
      for (const name of unique) {
        try {
          await deleteNamed(client, kind, name, project);
          deleted.push(stub(type.kind, name, project));
        } catch (error) {
          failures.push({ label: `${label} "${name}"`, error });
        }
      }
      ctx.io.stdout.write(
        await formatOperation(
          deleted.map((object) => ({ type, object })),
          'deleted',
          spec,
          session.options.headers,
        ),
      );
      endWithFailures(ctx, failures);
    });
  addTemplateOptions(command);
  return withExamples(
    command,
    examples.map((line) => [description, line]),
  );
}

function singleton(ctx: CliContext, kind: 'projectconfig' | 'clusterconfig', description: string, example: string): Command {
  const { type } = NAMED_KINDS[kind];
  const command = new Command(kind)
    .alias(type.plural)
    .description(description)
    .action(async (flags: TemplateFlags, self: Command) => {
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const client = await session.client();
      const project = kind === 'projectconfig' ? await session.project() : undefined;
      if (project) await requireProject(client, project);
      const name = project ?? CLUSTER_CONFIG_NAME;
      await deleteNamed(client, kind as NamedKind, name, project);
      ctx.io.stdout.write(await formatOperation([{ type, object: stub(type.kind, name, project) }], 'deleted', spec, session.options.headers));
    });
  addTemplateOptions(command);
  return withExamples(command, [[description, example]]);
}

/** What Kargo's CLI prints for a deleted object: its kind, name and namespace only. */
function stub(kind: string, name: string, namespace: string | undefined): KubeObject {
  const type = Object.values(resources).find((candidate) => candidate.kind === kind);
  return { apiVersion: type ? apiVersionOf(type) : '', kind, metadata: { name, ...(namespace ? { namespace } : {}) } };
}

function checkAll(values: string[], rule: NameRule, label: string): void {
  for (const value of values) {
    const problem = nameProblem(value, rule);
    if (problem) fail('usage', `${label} "${value}" ${problem}.`);
  }
}
