// Parses a command line through kargo's real command tree (commander) without
// running it: every action is swapped for one that records which command the
// line reached. Unknown commands, options and arguments fail as they would in kargo.

import { type Command, CommanderError } from 'commander';
import { buildFullProgram } from '../../src/root-command.js';
import { captureStream } from '../cli/support/run-kargo.js';

export type ParseResult = { accepted: true; command: string } | { accepted: false; reason: string };

export async function parseThroughTree(argv: string[]): Promise<ParseResult> {
  const stderr = captureStream();
  const program = await buildFullProgram({
    io: { stdout: captureStream(), stderr },
    env: {},
    clock: { now: () => new Date(0), sleep: async () => undefined },
    signal: new AbortController().signal,
    kube: () => Promise.reject(new Error('parsing needs no cluster')),
  });
  let reached: string | undefined;
  const record = (command: Command, path: string): void => {
    command.action(() => {
      reached = path;
    });
    for (const child of command.commands) record(child, path ? `${path} ${child.name()}` : child.name());
  };
  for (const child of program.commands) record(child, child.name());
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return { accepted: true, command: argv.join(' ') };
      return { accepted: false, reason: stderr.text.split('\n')[0] || error.message };
    }
    return { accepted: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return reached ? { accepted: true, command: reached } : { accepted: false, reason: 'no command ran' };
}
