// Start-up: V8's code cache for kargo's own bundle. Compiling the bundle's
// chunks is a good part of what every command costs before it does anything;
// with the code V8 compiled last time, a chunk loads without being parsed again.
// Node ≥ 22.1 keeps such a cache itself (module.enableCompileCache); on Node 20
// bin/kargo.js gets the same from this module, which compiles the chunks under
// `dist` (CommonJS, scripts/build.mjs) with the cache and stores what V8 made
// when the process exits. The cache lives in $XDG_CACHE_HOME/kargo (default
// ~/.cache/kargo), per build and Node version; NODE_DISABLE_COMPILE_CACHE=1, as
// for Node's own, turns it off. Nothing in it is secret: compiled kargo code only.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join, sep } from 'node:path';
import { Script } from 'node:vm';

type Environment = Readonly<Record<string, string | undefined>>;

interface CompilingModule {
  exports: unknown;
}
type Compile = (this: CompilingModule, content: string, filename: string) => unknown;

/** Caches of other builds are left alone for this long (another checkout may still use them), then removed. */
const STALE_BUILD_MS = 7 * 24 * 60 * 60 * 1000;

export function useCompileCache(dist: string, env: Environment): void {
  if (env.NODE_DISABLE_COMPILE_CACHE) return;
  const root = cacheRoot(env);
  if (!root) return;
  const builtIn = (Module as { enableCompileCache?: (directory: string) => unknown }).enableCompileCache;
  if (builtIn) {
    builtIn(join(root, 'node-compile-cache'));
    return;
  }
  let buildId: string;
  try {
    buildId = readFileSync(join(dist, 'build-id'), 'utf8').trim();
  } catch {
    return;
  }
  cacheChunks(dist, join(root, 'compile-cache', `${buildId}-${process.version}-${process.arch}`));
}

function cacheRoot(env: Environment): string | undefined {
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'kargo');
  return env.HOME ? join(env.HOME, '.cache', 'kargo') : undefined;
}

function cacheChunks(dist: string, directory: string): void {
  const prototype = Module.prototype as unknown as { _compile: Compile };
  const compile = prototype._compile;
  const fresh: Array<{ script: Script; file: string }> = [];
  const inDist = dist.endsWith(sep) ? dist : `${dist}${sep}`;
  prototype._compile = function compileWithCache(content, filename) {
    if (!filename.startsWith(inDist)) return compile.call(this, content, filename);
    const file = join(directory, `${basename(filename)}.cache`);
    const cachedData = readOptional(file);
    const script = new Script(Module.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
    if (!cachedData || script.cachedDataRejected) fresh.push({ script, file });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, Module.createRequire(filename), this, filename, dirname(filename));
  };
  // After the command ran, so the cache holds the functions it compiled lazily too.
  process.once('exit', () => store(directory, fresh));
}

function readOptional(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written (read-only home, full disk) only costs the next start its speed. */
function store(directory: string, fresh: Array<{ script: Script; file: string }>): void {
  if (fresh.length === 0) return;
  try {
    const created = mkdirSync(directory, { recursive: true, mode: 0o700 }) !== undefined;
    for (const { script, file } of fresh) {
      const temporary = `${file}.${process.pid}`;
      writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      renameSync(temporary, file);
    }
    if (created) removeStaleBuilds(directory);
  } catch {
    // Left for the next run to try again.
  }
}

function removeStaleBuilds(current: string): void {
  const parent = dirname(current);
  for (const name of readdirSync(parent)) {
    const path = join(parent, name);
    if (path !== current && Date.now() - statSync(path).mtimeMs > STALE_BUILD_MS) rmSync(path, { recursive: true, force: true });
  }
}
