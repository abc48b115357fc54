// The catalog stands in for commands that a run does not load: the root help
// drawn from it must be the help of the whole tree, and every entry must name,
// describe and list its command as the command itself does.

import { type Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_CATALOG } from '../../src/command-catalog.js';
import type { CliContext } from '../../src/cli/context.js';
import { KIND_SUBCOMMAND_WORDS } from '../../src/commands/credentials/subcommand-words.js';
import { buildFullProgram, buildProgram } from '../../src/root-command.js';
import { captureStream, runKargo } from './support/run-kargo.js';

const ctx: CliContext = {
  io: { stdout: captureStream(), stderr: captureStream() },
  env: {},
  clock: { now: () => new Date(0), sleep: async () => undefined },
  signal: new AbortController().signal,
  kube: () => Promise.reject(new Error('help needs no cluster')),
};

describe('command catalog', () => {
  it('gives the root help of the whole tree without loading a command', async () => {
    expect(buildProgram(ctx, new Map()).helpInformation()).toBe((await buildFullProgram(ctx)).helpInformation());
  });

  it.each(COMMAND_CATALOG.map((entry) => [entry.name, entry] as const))(
    '%s: name, term, summary and visibility as the command has them',
    async (_name, entry) => {
      const command = (await entry.load())(ctx);
      expect(command.name()).toBe(entry.name);
      expect(new Help().subcommandTerm(command)).toBe(entry.term);
      expect(command.description()).toBe(entry.summary);
      expect(entry.hidden ?? false).toBe(command.name().startsWith('__'));
    },
  );

  it('runs a command named after a global flag and its value, and through `help`', async () => {
    const version = await runKargo(['-o', 'json', 'version', '--client']);
    expect(version.code).toBe(0);
    expect(JSON.parse(version.stdout)).toHaveProperty('clientVersion');
    // The real command's help, examples and all (a stand-in has none).
    const help = await runKargo(['help', 'get']);
    expect(help.stdout).toContain('Usage: kargo get');
    expect(help.stdout).toContain('Examples:');
  });

  it('runs a command it did not spot in argv (after combined short flags)', async () => {
    const result = await runKargo(['-vo', 'json', 'version', '--client']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveProperty('clientVersion');
  });
});

describe('kind subcommands of get, create, update and delete', () => {
  const verbs = COMMAND_CATALOG.filter((entry) => ['get', 'create', 'update', 'delete'].includes(entry.name));
  const wordsOf = (command: Command): string[] => command.commands.flatMap((sub) => [sub.name(), ...sub.aliases()]);

  it('are named by exactly the words the catalog looks for', async () => {
    const words = new Set<string>();
    for (const entry of verbs) {
      const own = new Set(wordsOf((await entry.load([entry.name]))(ctx)));
      for (const word of wordsOf((await entry.load())(ctx))) if (!own.has(word)) words.add(word);
    }
    expect([...words].sort()).toEqual([...KIND_SUBCOMMAND_WORDS].sort());
  });

  it('load only for a run that names one or asks for help', async () => {
    const get = verbs.find((entry) => entry.name === 'get')!;
    expect(wordsOf((await get.load(['get', 'stages', '-o', 'json']))(ctx))).toEqual([]);
    expect(wordsOf((await get.load(['-p', 'x', 'get', 'cm']))(ctx))).toContain('configmaps');
    expect(wordsOf((await get.load(['get', '--help']))(ctx))).toContain('tokens');
  });

  it('still run when named after global flags', async () => {
    const result = await runKargo(['-o', 'json', 'get', 'roles', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: kargo get roles');
  });
});
