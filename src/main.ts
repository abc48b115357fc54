// Entry point of the bundled CLI: wires the real process (streams, environment,
// clock, Ctrl-C and SIGTERM) into a CliContext and exits with runCli's code.

import { systemClock } from './runtime/clock.js';
import { flushAndExit } from './runtime/flush-exit.js';
import type { CliContext } from './cli/context.js';
import { ExitCode } from './cli/exit-codes.js';
import { lazyKubeFactory } from './cli/kube-factory.js';
import { runCli } from './root-command.js';

/** After Ctrl-C, how long a command may take to stop cleanly before we exit anyway. */
const INTERRUPT_GRACE_MS = 2000;

const controller = new AbortController();
/** SIGTERM (CI cancelling a job, `kill`) stops a command exactly as Ctrl-C does; only the exit code differs (128 + signal). */
let stopCode: number = ExitCode.Interrupted;
const stop = (code: number): void => {
  if (controller.signal.aborted) process.exit(stopCode);
  stopCode = code;
  controller.abort(new Error('interrupted'));
  setTimeout(() => process.exit(stopCode), INTERRUPT_GRACE_MS).unref();
};
process.on('SIGINT', () => stop(ExitCode.Interrupted));
process.on('SIGTERM', () => stop(ExitCode.Terminated));
// A closed pipe (`kargo get … | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(ExitCode.Success);
  throw error;
});

const ctx: CliContext = {
  io: { stdout: process.stdout, stderr: process.stderr, stdin: () => process.stdin },
  env: process.env,
  clock: systemClock,
  signal: controller.signal,
  kube: lazyKubeFactory({ env: process.env, stderr: process.stderr, signal: controller.signal }),
};

// No top-level await: the bundle is CommonJS (scripts/build.mjs), which
// bin/kargo.js loads with require().
void runCli(process.argv.slice(2), ctx).then((code) => flushAndExit(controller.signal.aborted ? stopCode : code));
