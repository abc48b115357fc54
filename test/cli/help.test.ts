// Every command a user can run shows usage examples in its help.

import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildFullProgram } from '../../src/root-command.js';
import { CLI_VERSION } from '../../src/cli/version-info.js';
import { captureStream, runKargo } from './support/run-kargo.js';

function leafPaths(command: Command, path: string[] = []): string[][] {
  const visible = command.commands.filter((child) => !child.name().startsWith('__'));
  if (visible.length === 0) return [path];
  return visible.flatMap((child) => leafPaths(child, [...path, child.name()]));
}

const program = await buildFullProgram({
  io: { stdout: captureStream(), stderr: captureStream() },
  env: {},
  clock: { now: () => new Date(0), sleep: async () => undefined },
  signal: new AbortController().signal,
  kube: () => Promise.reject(new Error('help needs no cluster')),
});

describe('help', () => {
  it.each(leafPaths(program).map((path) => [path.join(' ')]))('kargo %s --help has examples', async (path) => {
    const result = await runKargo([...path.split(' '), '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:');
  });
});

describe('help for a newcomer', () => {
  it.each(leafPaths(program).map((path) => [path.join(' ')]))('kargo %s --help lists the global flags', async (path) => {
    const result = await runKargo([...path.split(' '), '--help']);
    expect(result.stdout).toContain('Global Options:');
    expect(result.stdout).toMatch(/--kubeconfig <file>[\s\S]*--context <name>[\s\S]*-p, --project <name>[\s\S]*-o, --output <format>/);
  });

  it('kargo --version prints the client version and exits 0', async () => {
    const result = await runKargo(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${CLI_VERSION}\n`, stderr: '' });
  });

  it('kargo help prints the root help and exits 0', async () => {
    const result = await runKargo(['help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe((await runKargo(['--help'])).stdout);
  });

  it.each([['get'], ['verify', 'stage'], ['config', 'set-project']])('kargo help %s… prints that command’s help and exits 0', async (...path) => {
    const result = await runKargo(['help', ...path]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: kargo ${path.join(' ')} `);
    expect(result.stdout).toBe((await runKargo([...path, '--help'])).stdout);
  });

  it('a command run without its subcommand still shows its help as a usage error (exit 2)', async () => {
    const result = await runKargo(['verify']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: kargo verify');
  });
});
