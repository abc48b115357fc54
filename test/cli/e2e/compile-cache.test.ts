// End-to-end: the built bin/kargo keeps V8's code cache of its chunks
// (src/runtime/compile-cache.ts) and never lets that cache change what it does.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'kargo.js');
/** Node ≥ 22.1 keeps the cache itself, in its own layout. */
const nodeKeepsCache = 'enableCompileCache' in Module;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kargo(argv: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...argv], { env: { PATH: process.env.PATH ?? '', KUBECONFIG: '/nonexistent', ...env } }, (error, stdout, stderr) =>
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr }),
    );
  });
}

function freshCacheHome(): { XDG_CACHE_HOME: string; HOME: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kargo-compile-cache-'));
  return { XDG_CACHE_HOME: join(dir, 'cache'), HOME: dir };
}

function buildCacheDir(cacheHome: string): string {
  const buildId = readFileSync(join(ROOT, 'dist', 'build-id'), 'utf8').trim();
  return join(cacheHome, 'kargo', 'compile-cache', `${buildId}-${process.version}-${process.arch}`);
}

const modified = (dir: string): Record<string, number> => Object.fromEntries(readdirSync(dir).map((file) => [file, statSync(join(dir, file)).mtimeMs]));

describe('compile cache', () => {
  it('is written on the first run, private, and used as it is by the next', async () => {
    const env = freshCacheHome();
    const first = await kargo(['version', '--client', '-o', 'json'], env);
    expect(first.code).toBe(0);
    if (nodeKeepsCache) {
      // Node ≥ 22.1 keeps it itself, in kargo's cache directory.
      expect(readdirSync(join(env.XDG_CACHE_HOME, 'kargo'))).toEqual(['node-compile-cache']);
      return;
    }
    const dir = buildCacheDir(env.XDG_CACHE_HOME);
    const files = readdirSync(dir);
    expect(files).toContain('kargo.js.cache');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of files) expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
    const before = modified(dir);
    const second = await kargo(['version', '--client', '-o', 'json'], env);
    expect(second).toEqual(first);
    // V8 accepted every file: none was written again.
    expect(modified(dir)).toEqual(before);
  });
});

// What kargo's own cache does; Node ≥ 22.1 uses Node's instead.
describe.runIf(!nodeKeepsCache)('compile cache kept by kargo (Node 20)', () => {
  it('replaces a corrupt cache file and runs as if it were absent', async () => {
    const env = freshCacheHome();
    const clean = await kargo(['--help'], env);
    const file = join(buildCacheDir(env.XDG_CACHE_HOME), 'kargo.js.cache');
    writeFileSync(file, 'not a code cache');
    expect(await kargo(['--help'], env)).toEqual(clean);
    expect(readFileSync(file, 'utf8')).not.toBe('not a code cache');
  });

  it('is not kept with NODE_DISABLE_COMPILE_CACHE, nor with -v (which reads the source maps)', async () => {
    const env = freshCacheHome();
    expect((await kargo(['version', '--client'], { ...env, NODE_DISABLE_COMPILE_CACHE: '1' })).code).toBe(0);
    expect((await kargo(['version', '--client', '-v'], env)).code).toBe(0);
    expect(() => readdirSync(env.XDG_CACHE_HOME)).toThrow(/ENOENT/);
  });

  it('costs nothing but speed when it cannot be written', async () => {
    const env = freshCacheHome();
    writeFileSync(join(env.HOME, 'a-file'), '');
    const blocked = { ...env, XDG_CACHE_HOME: join(env.HOME, 'a-file', 'cache') };
    expect(await kargo(['version', '--client'], blocked)).toEqual({ code: 0, stdout: 'Client Version: 0.1.0\n', stderr: '' });
  });

  it("removes other builds' caches once they are a week old, and keeps recent ones", async () => {
    const env = freshCacheHome();
    const root = join(env.XDG_CACHE_HOME, 'kargo', 'compile-cache');
    const old = join(root, 'old-build');
    const recent = join(root, 'recent-build');
    mkdirSync(old, { recursive: true });
    mkdirSync(recent);
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    utimesSync(old, eightDaysAgo, eightDaysAgo);
    expect((await kargo(['version', '--client'], env)).code).toBe(0);
    expect(readdirSync(root).sort()).toEqual([readdirSync(root).find((name) => name.endsWith(`-${process.arch}`)), 'recent-build'].sort());
  });
});
