// Bundles the CLI into dist/ with esbuild. Code splitting keeps the Kubernetes
// client in its own chunk, loaded only by commands that talk to a cluster, so
// `kargo --help` starts without paying for it.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await rm(`${root}/dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { kargo: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Several dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __kargoCreateRequire } from 'node:module'; const require = __kargoCreateRequire(import.meta.url);",
  },
});
