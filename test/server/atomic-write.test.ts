// writeFileAtomic: writes through symbolic links (as kubectl does with a
// kubeconfig) and always leaves the file 0600; `sandbox start`'s kubeconfig
// editing relies on it.

import { lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeFileAtomic } from '../../src/runtime/atomic-file.js';
import { addSandboxContext, removeSandboxContext } from '../../src/sandbox/kubeconfig-file.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kargo-atomic-'));
  dirs.push(dir);
  return dir;
}

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('writeFileAtomic', () => {
  it('replaces a regular file and tightens 0644 to 0600', async () => {
    const dir = await tempDir();
    const file = join(dir, 'config');
    writeFileSync(file, 'old', { mode: 0o644 });
    writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(modeOf(file)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['config']);
  });

  it('writes through a symbolic link (and a chain of them), keeping the links', async () => {
    const dir = await tempDir();
    const target = join(dir, 'real-config');
    writeFileSync(target, 'old', { mode: 0o644 });
    symlinkSync(target, join(dir, 'middle'));
    symlinkSync('middle', join(dir, 'config'));
    writeFileAtomic(join(dir, 'config'), 'new');
    expect(lstatSync(join(dir, 'config')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'middle')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(modeOf(target)).toBe(0o600);
  });

  it('creates the target of a dangling link', async () => {
    const dir = await tempDir();
    symlinkSync(join(dir, 'later'), join(dir, 'config'));
    writeFileAtomic(join(dir, 'config'), 'content');
    expect(readFileSync(join(dir, 'later'), 'utf8')).toBe('content');
    expect(lstatSync(join(dir, 'config')).isSymbolicLink()).toBe(true);
  });

  it('refuses a loop of links', async () => {
    const dir = await tempDir();
    symlinkSync(join(dir, 'b'), join(dir, 'a'));
    symlinkSync(join(dir, 'a'), join(dir, 'b'));
    expect(() => writeFileAtomic(join(dir, 'a'), 'x')).toThrow(/too many levels of symbolic links/);
  });
});

describe('sandbox kubeconfig editing', () => {
  it('adds and removes the sandbox context through a symlinked ~/.kube/config and leaves it 0600', async () => {
    const dir = await tempDir();
    const real = join(dir, 'dotfiles-kubeconfig');
    writeFileSync(
      real,
      'apiVersion: v1\nkind: Config\ncurrent-context: work\ncontexts:\n- name: work\n  context: {cluster: work, user: work}\nclusters:\n- name: work\n  cluster: {server: "https://work.example:6443"}\nusers:\n- name: work\n  user: {token: abc}\n',
      { mode: 0o644 },
    );
    const link = join(dir, 'config');
    symlinkSync(real, link);
    addSandboxContext(link, { server: 'https://127.0.0.1:1234', token: 'sandbox-token' }, true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(modeOf(real)).toBe(0o600);
    const added = parse(readFileSync(real, 'utf8')) as { 'current-context': string; contexts: { name: string }[] };
    expect(added['current-context']).toBe('kargo-sandbox');
    expect(added.contexts.map((context) => context.name)).toEqual(['work', 'kargo-sandbox']);
    removeSandboxContext(link, 'work');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect((parse(readFileSync(real, 'utf8')) as { 'current-context': string })['current-context']).toBe('work');
  });
});
