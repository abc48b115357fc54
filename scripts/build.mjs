// Bundles the CLI into dist/ with esbuild. Code splitting keeps the Kubernetes
// client in its own chunk, loaded only by commands that talk to a cluster, so
// `kargo --help` starts without paying for it. The bundle is built beside dist/
// and swapped in, so a concurrent run of bin/kargo never sees a half-written one.
import { build } from 'esbuild';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// kargo loads only KubeConfig from @kubernetes/client-node (dist/config.js). Two of
// that module's imports serve code paths kargo never takes yet would more than
// double the lazily loaded client chunk; swap them for the small shims beside
// this script. The end-to-end tests run against the bundle built this way.
const trimKubeConfigImports = {
  name: 'trim-kubeconfig-imports',
  setup(build) {
    const fromKubeConfig = (args) => /@kubernetes[\\/]client-node[\\/]dist[\\/]config\.js$/.test(args.importer);
    build.onResolve({ filter: /^\.\/gen\/index\.js$/ }, (args) =>
      fromKubeConfig(args) ? { path: `${root}/scripts/build-shims/client-node-gen.mjs` } : undefined,
    );
    build.onResolve({ filter: /^node-fetch$/ }, (args) => (fromKubeConfig(args) ? { path: `${root}/scripts/build-shims/node-fetch.mjs` } : undefined));
  },
};
// commander requires node:child_process at load time for a feature kargo does not
// use; the shim defers it (see the shim's comment).
const deferCommanderChildProcess = {
  name: 'defer-commander-child-process',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]commander[\\/]lib[\\/]command\.js$/.test(args.importer) ? { path: `${root}/scripts/build-shims/lazy-child-process.cjs` } : undefined,
    );
  },
};
// jsonc-parser's "main" is a UMD build whose require('./impl/format') esbuild
// cannot follow; its ESM build (the engine's JSON steps use it) bundles cleanly.
const jsoncParserEsm = {
  name: 'jsonc-parser-esm',
  setup(build) {
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: `${root}/node_modules/jsonc-parser/lib/esm/main.js` }));
  },
};
// A chunk loaded with import() goes through Node's asynchronous ES module loader:
// one round trip through the thread pool per file, which a busy machine makes
// slow. require() of an ES module (Node >= 20.19) loads the same module
// synchronously, so every `import("./chunk.js")` the bundler wrote becomes
// `__kImp("./chunk.js")` (same length, so the source maps still line up), a
// promise of require()'s result; bin/kargo.js requires the entry the same way.
async function loadChunksSynchronously(dir) {
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.js')) continue;
    const path = `${dir}/${file}`;
    const code = await readFile(path, 'utf8');
    const rewritten = code.replace(/(?<![\w$.])import\("(\.\/[\w.-]+\.js)"\)/g, '__kImp("$1")');
    if (rewritten !== code) await writeFile(path, rewritten);
  }
}
const staging = `dist.building-${process.pid}`;
const retired = `dist.old-${process.pid}`;
await rm(`${root}/${staging}`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { kargo: 'src/main.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Minified code parses faster at every start; the linked source map keeps stack traces readable.
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [trimKubeConfigImports, deferCommanderChildProcess, jsoncParserEsm],
  // Several dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __kargoCreateRequire } from 'node:module'; const require = __kargoCreateRequire(import.meta.url); const __kImp = (chunk) => Promise.resolve().then(() => require(chunk));",
  },
});
await loadChunksSynchronously(`${root}/${staging}`);
await rename(`${root}/dist`, `${root}/${retired}`).catch(() => undefined);
await rename(`${root}/${staging}`, `${root}/dist`);
await rm(`${root}/${retired}`, { recursive: true, force: true });
