// Every command a user can run shows usage examples in its help.

import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildFullProgram } from '../../src/root-command.js';
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
