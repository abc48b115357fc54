// Flag parsing shared by the workflow commands: --wait targets, --timeout
// durations, and printing the objects a command ends with for -o json|yaml|name.

import type { Command } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { exitQuietly } from '../../cli/errors.js';
import { ExitCode } from '../../cli/exit-codes.js';
import type { KubeObject } from '../../model/kargo.js';
import { formatObjects } from '../../output/objects.js';
import { DurationSyntaxError, parseGoDuration } from '../../rules/duration.js';
import { MAX_TIMER_MS } from '../../kube/request-timeout.js';
import type { WaitTarget } from '../../usecases/await-promotion.js';
import { fail } from '../../runtime/failure.js';

export const DEFAULT_TIMEOUT = '10m';

/** Ends the action with `code`; the command has already printed its final line. */
export function exitWith(code: ExitCode): void {
  if (code !== ExitCode.Success) throw exitQuietly(code);
}

const TIMEOUT_HELP = `how long --wait may take, e.g. 90s, 20m, 1h (0 = no limit)`;

/** `--wait[=promotion|verification]` and `--timeout`, for commands that create Promotions. */
export function addPromotionWaitOptions(command: Command): Command {
  return command
    .option('--wait [target]', 'wait for the promotion ("promotion", the default) or also for the verification ("verification")')
    .option('--timeout <duration>', TIMEOUT_HELP, DEFAULT_TIMEOUT);
}

/** `--wait` (a plain switch) and `--timeout`. */
export function addWaitOptions(command: Command, waitHelp: string): Command {
  return command.option('--wait', waitHelp).option('--timeout <duration>', TIMEOUT_HELP, DEFAULT_TIMEOUT);
}

export type ObjectOutput = 'json' | 'yaml' | 'name';

/** `--wait` alone means the promotion; `--wait=verification` also waits for verification. */
export function parseWaitTarget(value: string | boolean | undefined): WaitTarget | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true || value === 'promotion') return 'promotion';
  if (value === 'verification') return 'verification';
  fail('usage', `--wait takes "promotion" or "verification", not "${value}".`);
}

/** Milliseconds; `0` means no limit. */
export function parseTimeout(value: string | undefined): number {
  const text = value ?? DEFAULT_TIMEOUT;
  try {
    const ms = parseGoDuration(text);
    if (ms < 0) fail('usage', `--timeout must not be negative (got "${text}").`);
    // Longer than a timer can hold would fire at once ("timed out after 0s").
    if (ms > MAX_TIMER_MS) fail('usage', `--timeout ${text} is longer than kargo can wait (at most 596h, about 24 days); use 0 for no limit.`);
    return ms;
  } catch (error) {
    if (error instanceof DurationSyntaxError) fail('usage', `--timeout: ${error.message}; use e.g. 90s, 10m, 1h30m, or 0 for no limit.`);
    throw error;
  }
}

export function parseObjectOutput(value: string | undefined): ObjectOutput | undefined {
  if (value === undefined) return undefined;
  if (value === 'json' || value === 'yaml' || value === 'name') return value;
  fail('usage', `-o/--output takes json, yaml or name for this command, not "${value}".`);
}

/** One object prints as itself, several as a List (like kubectl). */
export async function printObjects(ctx: CliContext, objects: KubeObject[], output: ObjectOutput): Promise<void> {
  ctx.io.stdout.write(await formatObjects(objects, output, undefined, objects.length === 1));
}
