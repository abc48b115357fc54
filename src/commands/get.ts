// `kargo get KIND [NAME...]`: list or show Kargo objects as a table or as data.

import { Command } from 'commander';
import { Failure } from '../runtime/failure.js';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { completeArguments } from '../cli/completion-hints.js';
import type { DynamicSource } from '../usecases/complete-values.js';
import { findGettable, GETTABLE, gettableNames, namesOf } from '../cli/resource-names.js';
import { openSession, type Session } from '../cli/session.js';
import type { KubeClient } from '../kube/client.js';
import { resources, type ResourceType } from '../kube/resources.js';
import { formatGetResult, writeGetResult, type PrintOptions } from '../output/get-printer.js';
import { createStyle } from '../output/style.js';
import { tableChunks } from '../output/table.js';
import { freightAvailabilityTable } from '../output/tables/freight-table.js';
import { freightNamedIn } from '../output/tables/freight-references.js';
import type { TableContext } from '../output/tables/table-context.js';
import { colorEnabled } from '../output/terminal.js';
import { readFreightAliases } from '../usecases/freight-aliases.js';
import { listFreightAvailability } from '../usecases/freight-availability.js';
import { showPipeline } from './shared/show-pipeline.js';
import { type FreightFilter, getObjects, type GetRequest } from '../usecases/get.js';
import { watchListing } from '../usecases/watch-listing.js';

/** `kargo get pipeline` is `kargo status` spelled the kubectl way. */
const PIPELINE_KINDS = ['pipeline', 'pipelines'];

interface GetFlags {
  selector?: string;
  watch?: boolean;
  stage?: string;
  warehouse?: string;
  image?: string;
  commit?: string;
}

export function getCommand(ctx: CliContext): Command {
  const kinds = [...GETTABLE.map((type) => (type === resources.freight ? 'freight' : type.plural)), 'pipeline'].join(', ');
  const command = new Command('get')
    .description(`Show Kargo objects as a table or as data (${kinds})`)
    .argument('<kind>', `what to show: ${kinds} (singular and short names work too)`)
    .argument('[names...]', 'only these objects (Freight: name or alias)')
    .option('-l, --selector <selector>', 'label selector, e.g. -l team=web')
    .option('-w, --watch', 'after listing, print a line for every change')
    .option('--stage <stage>', 'promotions: only those of this Stage; freight: whether each may be promoted to it, and why')
    .option('--warehouse <name>', 'freight: only Freight from this Warehouse')
    .option('--image <repo[:tag]>', 'freight: only Freight carrying this image')
    .option('--commit <sha>', 'freight: only Freight carrying this commit (7+ characters)')
    .action((kind: string, names: string[], flags: GetFlags, self: Command) => runGet(openSession(ctx, self), kind, names, flags));
  completeArguments(command, { values: [...gettableNames(), ...PIPELINE_KINDS] }, { namesOfKind: namesByKind() });
  return withExamples(command, [
    ['Stages of the default project', 'kargo get stages'],
    ['Freight by alias, as YAML', 'kargo get freight wonky-wombat -o yaml'],
    ['Which Freight may go to prod-us, and why not', 'kargo get freight --stage prod-us'],
    ['Freight carrying an image tag', 'kargo get freight --image ghcr.io/acme/web:1.4.0'],
    ['Promotions of one Stage, following changes', 'kargo get promotions --stage dev -w'],
    ['All projects, names only', 'kargo get projects -o name'],
  ]);
}

async function runGet(session: Session, kind: string, names: string[], flags: GetFlags): Promise<void> {
  if (PIPELINE_KINDS.includes(kind.toLowerCase())) {
    if (names.length > 0) throw new Failure('usage', `kargo get pipeline takes no names (got "${names[0]}")`, 'Pick the project with -p NAME.');
    return showPipeline(session, 'get pipeline');
  }
  const type = findGettable(kind);
  if (!type) {
    throw new Failure('usage', `unknown kind "${kind}"`, `Use one of: ${[...GETTABLE.map((known) => known.plural), 'pipeline'].join(', ')}.`);
  }
  checkFlags(type, flags);
  const { ctx, options } = session;
  const client = await session.client();
  const project = type.namespaced ? await session.project() : undefined;
  const freightFilter = freightFilterOf(flags);
  const printOptions: PrintOptions = { format: options.output, headers: options.headers, single: names.length === 1 };
  const tableContext: TableContext = {
    now: ctx.clock.now(),
    style: createStyle(colorEnabled(ctx.io.stdout, ctx.env, options.color)),
    wide: options.output === 'wide',
    freightAliases: new Map(),
  };

  if (type === resources.freight && flags.stage && project) {
    if (flags.watch) throw new Failure('usage', '--watch cannot be combined with get freight --stage');
    const { rows, missing } = await listFreightAvailability(client, {
      project,
      stage: flags.stage,
      names,
      now: tableContext.now,
      ...(flags.selector ? { labelSelector: flags.selector } : {}),
      ...(freightFilter ? { filter: freightFilter } : {}),
    });
    if (options.output && options.output !== 'wide') {
      ctx.io.stdout.write(
        formatGetResult(
          type,
          rows.map((row) => row.freight),
          printOptions,
          tableContext,
        ),
      );
    } else {
      const table = freightAvailabilityTable(rows, tableContext);
      if (rows.length > 0) for (const chunk of tableChunks(table.header, table.rows, { headers: options.headers })) ctx.io.stdout.write(chunk);
    }
    return finish(session, type, project, rows.length, missing);
  }

  const request: GetRequest = {
    type,
    names,
    ...(project ? { project } : {}),
    ...(flags.selector ? { labelSelector: flags.selector } : {}),
    ...(flags.stage ? { stage: flags.stage } : {}),
    ...(freightFilter ? { freightFilter } : {}),
  };
  if (flags.watch) {
    if (needsFreightAliases(type, options.output)) tableContext.freightAliases = await readFreightAliases(client, project, 'all');
    return followChanges(session, client, request, printOptions, tableContext);
  }
  const result = await getObjects(client, request);
  if (needsFreightAliases(type, options.output)) tableContext.freightAliases = await readFreightAliases(client, project, freightNamedIn(type, result.items));
  writeGetResult(ctx.io.stdout, type, result.items, printOptions, tableContext);
  finish(session, type, project, result.items.length, result.missing);
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

function checkFlags(type: ResourceType, flags: GetFlags): void {
  const freightOnly = (['warehouse', 'image', 'commit'] as const).filter((flag) => flags[flag] !== undefined);
  if (type !== resources.freight && freightOnly.length > 0) {
    throw new Failure('usage', `--${freightOnly[0]} only applies to \`kargo get freight\``);
  }
  if (flags.stage !== undefined && type !== resources.freight && type !== resources.promotion) {
    throw new Failure('usage', '--stage only applies to `kargo get freight` and `kargo get promotions`');
  }
  if (flags.commit !== undefined && flags.commit.length < 7) {
    throw new Failure('usage', `--commit "${flags.commit}" is too short`, 'Give at least 7 characters of the SHA.');
  }
}

function freightFilterOf(flags: GetFlags): FreightFilter | undefined {
  if (!flags.warehouse && !flags.image && !flags.commit) return undefined;
  return {
    ...(flags.warehouse ? { warehouse: flags.warehouse } : {}),
    ...(flags.image ? { image: flags.image } : {}),
    ...(flags.commit ? { commit: flags.commit } : {}),
  };
}

/** Stage, Promotion and Warehouse tables show Freight by alias: that Freight is read too. */
function needsFreightAliases(type: ResourceType, format: string | undefined): boolean {
  const tabular = format === undefined || format === 'wide';
  return tabular && (type === resources.stage || type === resources.promotion || type === resources.warehouse);
}

/** Prints "nothing found" on stderr and fails with exit 3 for names that matched nothing. */
function finish(session: Session, type: ResourceType, project: string | undefined, found: number, missing: string[]): void {
  const where = project ? ` in project "${project}"` : '';
  if (found === 0 && missing.length === 0 && (session.options.output === undefined || session.options.output === 'wide')) {
    session.ctx.io.stderr.write(`No ${type === resources.freight ? 'Freight' : type.plural} found${where}.\n`);
  }
  if (missing.length > 0) {
    const list = missing.map((name) => `"${name}"`).join(', ');
    throw new Failure(
      'not-found',
      `${type.kind} ${list} not found${where}`,
      `List what exists with \`kargo get ${type === resources.freight ? 'freight' : type.plural}${project ? ` -p ${project}` : ''}\`.`,
    );
  }
}

/** `-w`: the listing, then one line (or document) per change, appended, until interrupted. */
async function followChanges(session: Session, client: KubeClient, request: GetRequest, printOptions: PrintOptions, tableContext: TableContext): Promise<void> {
  const { ctx } = session;
  const sleep = (ms: number, signal?: AbortSignal) => ctx.clock.sleep(ms, signal);
  for await (const event of watchListing(client, request, { signal: ctx.signal, sleep })) {
    if (event.kind === 'listed') {
      ctx.io.stdout.write(formatGetResult(request.type, event.objects, printOptions, tableContext));
      continue;
    }
    const options: PrintOptions = { ...printOptions, headers: false, single: true };
    // Ages of later lines are as of the change, not as of the first listing.
    ctx.io.stdout.write(formatGetResult(request.type, [event.object], options, { ...tableContext, now: ctx.clock.now() }));
  }
}
