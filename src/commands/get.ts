// `kargo get KIND [NAME...]`: list or show Kargo objects as a table or as data.

import { Command } from 'commander';
import { Failure } from '../runtime/failure.js';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { completeArguments } from '../cli/completion-hints.js';
import type { DynamicSource } from '../usecases/complete-values.js';
import { findGettable, GETTABLE, gettableNames, namesOf } from '../cli/resource-names.js';
import { openSession, type Session } from '../cli/session.js';
import type { KubeObject } from '../model/kargo.js';
import type { OutputSpec } from '../output/output-spec.js';
import { resources, type ResourceType } from '../kube/resources.js';
import { addTemplateOptions, outputSpecOf } from '../cli/output-options.js';
import { type PrintOptions, writeFreightAvailability, writeGetResult } from '../output/get-printer.js';
import { sortByJsonPath } from '../output/sort-by.js';
import { createStyle } from '../output/style.js';
import { freightNamedIn } from '../output/tables/freight-references.js';
import type { TableContext } from '../output/tables/table-context.js';
import { colorEnabled } from '../output/terminal.js';
import { readFreightAliases } from '../usecases/freight-aliases.js';
import { listFreightAvailability } from '../usecases/freight-availability.js';
import { getObjects, type GetRequest } from '../usecases/get.js';
import { checkFlags, freightFilterOf, type GetFlags } from './shared/get-flags.js';
import { finish, followChanges } from './shared/get-results.js';

/** `kargo get pipeline` is `kargo status` spelled the kubectl way. */
const PIPELINE_KINDS = ['pipeline', 'pipelines'];

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function getCommand(ctx: CliContext): Command {
  const kinds = [...GETTABLE.map((type) => (type === resources.freight ? 'freight' : type.plural)), 'pipeline'].join(', ');
  const command = new Command('get')
    .description(`Show Kargo objects as a table or as data (${kinds})`)
    .argument('<kind>', `what to show: ${kinds} (singular and short names work too)`)
    .argument('[names...]', 'only these objects (Freight: name or alias)')
    .option('-l, --selector <selector>', 'label selector, e.g. -l team=web')
    .option('--field-selector <selector>', 'field selector sent to the cluster: metadata.name or metadata.namespace, e.g. --field-selector metadata.name=dev')
    .option('-A, --all-projects', 'list across every project (a PROJECT column first, as kubectl -A)')
    .option('--sort-by <jsonpath>', 'sort by a JSONPath field, e.g. --sort-by=.metadata.creationTimestamp')
    .option('--show-labels', 'add a LABELS column to tables')
    .option('-w, --watch', 'after listing, print a line for every change')
    .option('--stage <stage>', 'promotions: only those of this Stage; freight: whether each may be promoted to it, and why')
    .option('--warehouse <name>', 'freight: only Freight from this Warehouse (repeatable: from any of them)', collect)
    .option('--name <name>', "freight: this Freight by name, as Kargo's CLI spells it (repeatable; same as a positional name)", collect)
    .option('--alias <alias>', "freight: this Freight by alias, as Kargo's CLI spells it (repeatable; same as a positional name)", collect)
    .option('--image <repo[:tag]>', 'freight: only Freight carrying this image')
    .option('--commit <sha>', 'freight: only Freight carrying this commit (7+ characters)')
    .action((kind: string, names: string[], flags: GetFlags, self: Command) => runGet(openSession(ctx, self), kind, names, flags));
  addTemplateOptions(command);
  completeArguments(command, { values: [...gettableNames(), ...PIPELINE_KINDS] }, { namesOfKind: namesByKind() });
  return withExamples(command, [
    ['Stages of the default project', 'kargo get stages'],
    ['Freight by alias, as YAML', 'kargo get freight wonky-wombat -o yaml'],
    ['Which Freight may go to prod-us, and why not', 'kargo get freight --stage prod-us'],
    ['Freight carrying an image tag', 'kargo get freight --image ghcr.io/acme/web:1.4.0'],
    ['Promotions of one Stage, following changes', 'kargo get promotions --stage dev -w'],
    ['Stages of every project, newest first', 'kargo get stages -A --sort-by=.metadata.creationTimestamp'],
    ['Names and current Freight, kubectl style', `kargo get stages -o jsonpath='{range .items[*]}{.metadata.name}{"\\t"}{.status.freightSummary}{"\\n"}{end}'`],
    [
      'Available Freight for prod-us, with jq',
      "kargo get freight --stage prod-us -o json | jq '.items[] | select(.status.kargoCli.availability.available) | .metadata.name'",
    ],
    ['All projects, names only', 'kargo get projects -o name'],
  ]);
}

async function runGet(session: Session, kind: string, positional: string[], flags: GetFlags): Promise<void> {
  const names = [...positional, ...(flags.name ?? []), ...(flags.alias ?? [])];
  if (PIPELINE_KINDS.includes(kind.toLowerCase())) {
    if (names.length > 0) throw new Failure('usage', `kargo get pipeline takes no names (got "${names[0]}")`, 'Pick the project with -p NAME.');
    return (await import('./shared/show-pipeline.js')).showPipeline(session, 'get pipeline');
  }
  const type = findGettable(kind);
  if (!type) {
    throw new Failure('usage', `unknown kind "${kind}"`, `Use one of: ${[...GETTABLE.map((known) => known.plural), 'pipeline'].join(', ')}.`);
  }
  checkFlags(type, names, flags);
  const { ctx, options } = session;
  const spec = await outputSpecOf(options, flags);
  const client = await session.client();
  const project = type.namespaced && !flags.allProjects ? await session.project() : undefined;
  const freightFilter = freightFilterOf(flags);
  const printOptions: PrintOptions = {
    spec,
    headers: options.headers,
    single: names.length === 1,
    ...(flags.allProjects && type.namespaced ? { allProjects: true } : {}),
    ...(flags.showLabels ? { showLabels: true } : {}),
  };
  const tableContext: TableContext = {
    now: ctx.clock.now(),
    style: createStyle(colorEnabled(ctx.io.stdout, ctx.env, options.color)),
    wide: spec.kind === 'table' && spec.wide,
    freightAliases: new Map(),
  };
  const selectors = { ...(flags.selector ? { labelSelector: flags.selector } : {}), ...(flags.fieldSelector ? { fieldSelector: flags.fieldSelector } : {}) };

  if (type === resources.freight && flags.stage && project) {
    const listed = await listFreightAvailability(client, {
      project,
      stage: flags.stage,
      names,
      now: tableContext.now,
      ...selectors,
      ...(freightFilter ? { filter: freightFilter } : {}),
    });
    const rows = flags.sortBy ? sortByJsonPath(listed.rows, flags.sortBy, (row) => row.freight) : listed.rows;
    await writeFreightAvailability(ctx.io.stdout, rows, printOptions, tableContext);
    return finish(session, type, project, rows.length, listed.missing);
  }

  const request: GetRequest = {
    type,
    names,
    ...(project ? { project } : {}),
    ...selectors,
    ...(flags.stage ? { stage: flags.stage } : {}),
    ...(freightFilter ? { freightFilter } : {}),
  };
  const aliasesFor = flags.allProjects ? () => 'all' as const : (items: KubeObject[]) => freightNamedIn(type, items);
  if (flags.watch) {
    if (needsFreightAliases(type, spec)) tableContext.freightAliases = await readFreightAliases(client, project, 'all');
    return followChanges(session, client, request, printOptions, tableContext);
  }
  const result = await getObjects(client, request);
  const items = flags.sortBy ? sortByJsonPath(result.items, flags.sortBy) : result.items;
  if (needsFreightAliases(type, spec)) tableContext.freightAliases = await readFreightAliases(client, project, aliasesFor(items));
  await writeGetResult(ctx.io.stdout, type, items, printOptions, tableContext);
  finish(session, type, project, items.length, result.missing);
}

/** `kargo get stages <TAB>` completes Stage names, and so on for the kinds with dynamic values. */
function namesByKind(): Record<string, DynamicSource> {
  const sources: [ResourceType, DynamicSource][] = [
    [resources.project, 'projects'],
    [resources.stage, 'stages'],
    [resources.freight, 'freight'],
    [resources.warehouse, 'warehouses'],
    [resources.promotion, 'promotions'],
  ];
  return Object.fromEntries(sources.flatMap(([type, source]) => namesOf(type).map((name) => [name, source])));
}

/** Stage, Promotion and Warehouse tables show Freight by alias: that Freight is read too. */
function needsFreightAliases(type: ResourceType, spec: OutputSpec): boolean {
  return spec.kind === 'table' && (type === resources.stage || type === resources.promotion || type === resources.warehouse);
}
