// `sandbox start` writes the user's kubeconfig the way kubectl does: through a
// symbolic link (the link stays, its target changes) and always 0600, since it
// then holds the sandbox admin's token; `stop` restores it the same way.

import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, stopSandbox } from '../../src/sandbox/lifecycle.js';
import { sandboxPaths } from '../../src/sandbox/paths.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
// The CLI entry point (src/main.ts; src/cli/main.ts before the layers moved).
const entry = ['src/main.ts', 'src/cli/main.ts'].map((file) => join(repoRoot, file)).find((file) => existsSync(file)) ?? '';
const launcher = [process.execPath, '--import', 'tsx', entry];
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) {
    await stopSandbox(sandboxPaths({}, join(dir, 'state')), join(dir, 'kubeconfig')).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

const modeOf = (path: string): number => statSync(path).mode & 0o777;

describe('sandbox start and the kubeconfig', () => {
  it('writes through a symlinked kubeconfig, tightens it to 0600, and stop restores the previous context', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kargo-sandbox-link-'));
    dirs.push(dir);
    const dotfiles = join(dir, 'dotfiles');
    mkdirSync(dotfiles);
    const target = join(dotfiles, 'kubeconfig');
    writeFileSync(
      target,
      'apiVersion: v1\nkind: Config\ncurrent-context: work\ncontexts:\n- name: work\n  context: {cluster: work, user: work}\nclusters:\n- name: work\n  cluster: {server: "https://work.example:6443"}\nusers:\n- name: work\n  user: {token: abc}\n',
    );
    chmodSync(target, 0o644);
    const link = join(dir, 'kubeconfig');
    symlinkSync(target, link);
    const paths = sandboxPaths({}, join(dir, 'state'));
    mkdirSync(paths.stateDir, { recursive: true });
    writeFileSync(paths.kubeconfigFile, 'stale', { mode: 0o644 });
    chmodSync(paths.kubeconfigFile, 0o644);

    await startSandbox({ paths, kubeconfigPath: link, switchContext: true, launcher, crdDirs: [], env: { ...process.env } });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(modeOf(target)).toBe(0o600);
    expect(readFileSync(target, 'utf8')).toContain('current-context: kargo-sandbox');
    expect(modeOf(paths.kubeconfigFile)).toBe(0o600);
    expect(readFileSync(paths.kubeconfigFile, 'utf8')).toContain('kargo-sandbox');

    const stopped = await stopSandbox(paths, link);
    expect(stopped.restoredContext).toBe('work');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).not.toContain('kargo-sandbox');
  }, 60_000);
});
