// The command tree and the in-process entry point `runCli`.
//
// How commands register: each command lives in `src/commands/<name>.ts` and
// exports `function <name>Command(ctx: CliContext): Command` that builds its
// commander Command (description, flags, examples via withExamples, action).
// Add one line to COMMANDS below to put it in the tree. An action reads the
// global flags with `openSession(ctx, command)` (src/cli/session.ts), keeps to
// parse → options → use-case → print, writes data to ctx.io.stdout and
// everything else to ctx.io.stderr, and signals failure by throwing (a Failure
// of a kind, src/runtime/failure.ts, or any error src/cli/errors.ts understands). To end with a non-zero exit code after
// printing its own final line, an action throws `exitQuietly(code)` (errors.ts).

import { Command, CommanderError } from 'commander';
import { abortCommand } from './commands/abort.js';
import { approveCommand } from './commands/approve.js';
import { promoteCommand } from './commands/promote.js';
import { refreshCommand } from './commands/refresh.js';
import { rollbackCommand } from './commands/rollback.js';
import { updateCommand } from './commands/update.js';
import { verifyCommand } from './commands/verify.js';
import { completionCommand, hiddenCompleteCommand } from './commands/completion.js';
import { configCommand } from './commands/config.js';
import { getCommand } from './commands/get.js';
import { sandboxCommand } from './commands/sandbox.js';
import { statusCommand } from './commands/status.js';
import { versionCommand } from './commands/version.js';
import type { CliContext } from './cli/context.js';
import { formatReport, toReport } from './cli/errors.js';
import { ExitCode } from './cli/exit-codes.js';
import { addGlobalOptions } from './cli/global-options.js';
import { withExamples } from './cli/help.js';

const COMMANDS: ((ctx: CliContext) => Command)[] = [
  promoteCommand,
  approveCommand,
  verifyCommand,
  rollbackCommand,
  abortCommand,
  refreshCommand,
  updateCommand,
  getCommand,
  statusCommand,
  configCommand,
  versionCommand,
  sandboxCommand,
  completionCommand,
  hiddenCompleteCommand,
];

export function buildProgram(ctx: CliContext): Command {
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
  withExamples(program, [
    ['Show the stages of a project', 'kargo get stages -p my-web-app'],
    ['Set the default project once', 'kargo config set-project my-web-app'],
    ['Enable shell completion (bash)', 'source <(kargo completion bash)'],
  ]);
  for (const create of COMMANDS) {
    const command = create(ctx);
    // `__name` commands serve the completion scripts; they stay out of help.
    program.addCommand(command, { hidden: command.name().startsWith('__') });
  }
  applyToTree(program, (command) => command.exitOverride().configureOutput(program.configureOutput()).showSuggestionAfterError(true));
  return program;
}

function applyToTree(command: Command, apply: (command: Command) => void): void {
  apply(command);
  for (const child of command.commands) applyToTree(child, apply);
}

/** Runs kargo with `argv` (without the node and script paths) and returns the exit code. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const program = buildProgram(ctx);
  if (argv.length === 0) {
    program.outputHelp();
    return ExitCode.Success;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    // A command that stops quietly on Ctrl-C (a watch) still exits as interrupted.
    return ctx.signal.aborted ? ExitCode.Interrupted : ExitCode.Success;
  } catch (error) {
    return reportFailure(error, ctx, argv);
  }
}

function reportFailure(error: unknown, ctx: CliContext, argv: string[]): number {
  if (error instanceof CommanderError) {
    // commander has already printed its message (and the usage hint).
    const done = ['commander.helpDisplayed', 'commander.version', 'commander.help'];
    return done.includes(error.code) ? (error.code === 'commander.help' ? ExitCode.Usage : ExitCode.Success) : ExitCode.Usage;
  }
  if (ctx.signal.aborted) return ExitCode.Interrupted;
  const report = toReport(error);
  if (report.message) ctx.io.stderr.write(formatReport(report, isVerbose(argv)));
  return report.exitCode;
}

function isVerbose(argv: string[]): boolean {
  return argv.includes('-v') || argv.includes('--verbose');
}
