// The command tree and the in-process entry point `runCli`.
//
// How commands register: each command lives in `src/commands/<name>.ts` and
// exports `function <name>Command(ctx: CliContext): Command` that builds its
// commander Command (description, flags, examples via withExamples, action).
// Add its entry to COMMAND_CATALOG (src/command-catalog.ts) to put it in the
// tree; a run loads only the command it names. An action reads the
// global flags with `openSession(ctx, command)` (src/cli/session.ts), keeps to
// parse → options → use-case → print, writes data to ctx.io.stdout and
// everything else to ctx.io.stderr, and signals failure by throwing (a Failure
// of a kind, src/runtime/failure.ts, or any error src/cli/errors.ts understands). To end with a non-zero exit code after
// printing its own final line, an action throws `exitQuietly(code)` (errors.ts).

import { Command, CommanderError } from 'commander';
import { COMMAND_CATALOG, type CatalogEntry, type CommandBuilder } from './command-catalog.js';
import type { CliContext } from './cli/context.js';
import { formatReport, toReport } from './cli/errors.js';
import { ExitCode } from './cli/exit-codes.js';
import { addGlobalOptions } from './cli/global-options.js';
import { withExamples } from './cli/help.js';
import { applyHelpLayout } from './cli/help-layout.js';
import { helpRequestAsFlag } from './cli/help-request.js';
import { CLI_VERSION } from './cli/version-info.js';

/** Top-level commands by name: the loaded ones are built, the others stand in as placeholders. */
type LoadedCommands = ReadonlyMap<string, CommandBuilder>;

/** Thrown by a placeholder that was run after all (its name was not spotted in argv): load it and parse again. */
class PlaceholderRun extends Error {
  constructor(readonly entry: CatalogEntry) {
    super(`command ${entry.name} is not loaded`);
  }
}

export function buildProgram(ctx: CliContext, loaded: LoadedCommands): Command {
  const program = new Command('kargo')
    .description('Drive Kargo promotion pipelines from your kubeconfig: inspect, promote, verify, roll back.')
    .usage('<command> [flags]')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
      outputError: (text, write) => write(`${text.trimEnd()}\nRun 'kargo --help' for usage.\n`),
      getOutHelpWidth: () => ctx.io.stdout.columns ?? 80,
      getErrHelpWidth: () => ctx.io.stderr.columns ?? 80,
    });
  addGlobalOptions(program);
  program.version(CLI_VERSION, '--version', 'print the client version and exit');
  withExamples(program, [
    ['Show the stages of a project', 'kargo get stages -p my-web-app'],
    ['Set the default project once', 'kargo config set-project my-web-app'],
    ['Enable shell completion (bash)', 'source <(kargo completion bash)'],
  ]);
  const placeholderTerms = new Map<Command, string>();
  for (const entry of COMMAND_CATALOG) {
    const build = loaded.get(entry.name);
    const command = build ? build(ctx) : placeholder(entry);
    if (!build) placeholderTerms.set(command, entry.term);
    // `__name` commands serve the completion scripts; they stay out of help.
    program.addCommand(command, { hidden: entry.hidden ?? false });
  }
  applyToTree(program, (command) => {
    command.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true);
    applyHelpLayout(command, placeholderTerms);
  });
  return program;
}

/** The whole tree, every command loaded (completion scripts, tests). */
export async function buildFullProgram(ctx: CliContext): Promise<Command> {
  return buildProgram(ctx, await load(COMMAND_CATALOG));
}

function placeholder(entry: CatalogEntry): Command {
  return new Command(entry.name)
    .description(entry.summary)
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]')
    .action(() => {
      throw new PlaceholderRun(entry);
    });
}

/** Loads the commands of `entries`, with only the subcommands `argv` needs (all without it). */
async function load(entries: readonly CatalogEntry[], argv?: readonly string[]): Promise<Map<string, CommandBuilder>> {
  const builders = await Promise.all(entries.map(async (entry) => [entry.name, await entry.load(argv)] as const));
  return new Map(builders);
}

/** The commands a run needs: the one argv names (every one for the completion scripts), none for the root help. */
function commandsFor(argv: string[], valueFlags: ReadonlySet<string>): CatalogEntry[] {
  const name = commandNameIn(argv, valueFlags);
  const entry = COMMAND_CATALOG.find((candidate) => candidate.name === name);
  if (!entry) return [];
  return entry.wholeTree ? [...COMMAND_CATALOG] : [entry];
}

/** The first word of argv that is neither a flag nor a global flag's value; for `help X`, X. */
function commandNameIn(argv: string[], valueFlags: ReadonlySet<string>): string | undefined {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--') return undefined;
    if (valueFlags.has(arg)) index += 1;
    else if (!arg.startsWith('-')) return arg === 'help' ? commandNameIn(argv.slice(index + 1), valueFlags) : arg;
  }
  return undefined;
}

/** The root's flags that take a value in the next word (`-p NAME`). */
function globalValueFlags(program: Command): Set<string> {
  const flags = new Set<string>();
  for (const option of program.options) {
    if (!option.required && !option.optional) continue;
    if (option.short) flags.add(option.short);
    if (option.long) flags.add(option.long);
  }
  return flags;
}

function applyToTree(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const child of command.commands) applyToTree(child, apply);
}

/** Runs kargo with `argv` (without the node and script paths) and returns the exit code. */
export async function runCli(args: string[], ctx: CliContext): Promise<number> {
  let program = buildProgram(ctx, new Map());
  const argv = helpRequestAsFlag(args, globalValueFlags(program));
  const needed = commandsFor(argv, globalValueFlags(program));
  // The completion scripts read every subcommand; any other run only those its words name.
  const subcommandsOf = needed.some((entry) => entry.wholeTree) ? undefined : argv;
  if (needed.length > 0) program = buildProgram(ctx, await load(needed, subcommandsOf));
  if (argv.length === 0) {
    program.outputHelp();
    return ExitCode.Success;
  }
  try {
    try {
      await program.parseAsync(argv, { from: 'user' });
    } catch (error) {
      if (!(error instanceof PlaceholderRun)) throw error;
      const loaded = await load([...needed, error.entry], error.entry.wholeTree ? undefined : subcommandsOf);
      await buildProgram(ctx, loaded).parseAsync(argv, { from: 'user' });
    }
    // A command that stops quietly on Ctrl-C (a watch) still exits as interrupted.
    return ctx.signal.aborted ? ExitCode.Interrupted : ExitCode.Success;
  } catch (error) {
    return reportFailure(error, ctx, argv);
  }
}

function reportFailure(error: unknown, ctx: CliContext, argv: string[]): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (and the usage hint).
    // Help asked for exits 0; help shown for a command run without its subcommand is a usage error.
    const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
    return done.includes(error.code) && error.exitCode === 0 ? ExitCode.Success : ExitCode.Usage;
  }
  if (ctx.signal.aborted) return ExitCode.Interrupted;
  const report = toReport(error);
  if (report.message) ctx.io.stderr.write(formatReport(report, isVerbose(argv)));
  return report.exitCode;
}

function isVerbose(argv: string[]): boolean {
  return argv.includes('-v') || argv.includes('--verbose');
}
