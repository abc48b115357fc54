// Bundles the CLI into dist/ with esbuild. Code splitting keeps the Kubernetes
// client in its own chunk, loaded only by commands that talk to a cluster, so
// `kargo --help` starts without paying for it. The bundle is built beside dist/
// and swapped in, so a concurrent run of bin/kargo never sees a half-written one.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
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
// Node loads an ES module through its ES module loader (URL resolution, a module
// job and linking per file), which costs more at every start than require() of
// CommonJS, and Node 20 keeps no code cache for it. So esbuild splits the CLI
// into ES module chunks (only ES modules can be split), and a second pass turns
// each chunk into CommonJS: import and export become require() and exports (live
// bindings kept), import() a require() behind a promise; the source maps are
// carried through. bin/kargo.js then loads the chunks with require(), through
// V8's code cache (src/runtime/compile-cache.ts).
async function toCommonJs(esmDir, outdir) {
  const chunks = (await readdir(esmDir)).filter((file) => file.endsWith('.js')).map((file) => `${esmDir}/${file}`);
  await build({
    absWorkingDir: root,
    entryPoints: chunks,
    outdir,
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import() of a chunk becomes require() behind a promise, not a trip through the ES module loader.
    supported: { 'dynamic-import': false },
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  await writeFile(`${outdir}/package.json`, '{\n  "type": "commonjs"\n}\n');
}

/** Names this build's code, so a code cache made from another build is never used for it. */
async function writeBuildId(dir) {
  const hash = createHash('sha256');
  for (const file of (await readdir(dir)).filter((name) => name.endsWith('.js')).sort()) hash.update(file).update(await readFile(`${dir}/${file}`));
  await writeFile(`${dir}/build-id`, `${hash.digest('hex').slice(0, 20)}\n`);
}

const staging = `dist.building-${process.pid}`;
const modules = `dist.esm-${process.pid}`;
const retired = `dist.old-${process.pid}`;
await rm(`${root}/${staging}`, { recursive: true, force: true });
await rm(`${root}/${modules}`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { kargo: 'src/main.ts', 'compile-cache': 'src/runtime/compile-cache.ts' },
  outdir: modules,
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
});
await toCommonJs(`${root}/${modules}`, `${root}/${staging}`);
await rm(`${root}/${modules}`, { recursive: true, force: true });
await writeBuildId(`${root}/${staging}`);
await rename(`${root}/dist`, `${root}/${retired}`).catch(() => undefined);
await rename(`${root}/${staging}`, `${root}/dist`);
await rm(`${root}/${retired}`, { recursive: true, force: true });
