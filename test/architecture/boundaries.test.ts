// The import boundaries of docs/architecture.md, as a test: a layer importing
// one it must not fails here, naming the file and the import.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findViolations, layerOf, readSources } from './imports.js';
import { ALLOWED_IMPORTS } from './layers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('layer boundaries', () => {
  const sources = readSources(ROOT);

  it('every folder of src/ is a known layer', () => {
    const layers = new Set(sources.map((file) => layerOf(file.path)));
    expect([...layers].filter((layer) => !(layer in ALLOWED_IMPORTS))).toEqual([]);
  });

  it('no layer imports one it must not', () => {
    expect(findViolations(sources, ALLOWED_IMPORTS).map((v) => `${v.file}: ${v.from} → ${v.to} (${v.specifier})`)).toEqual([]);
  });

  it('catches a deliberately wrong import, static or dynamic', () => {
    const wrong = [
      { path: 'src/rules/soak.ts', text: "import { ExitCode } from '../cli/exit-codes.js';\n" },
      { path: 'src/server/router.ts', text: "const kube = await import('../kube/http-client.js');\n" },
      { path: 'src/engine/steps/x.ts', text: "export { fail } from '../../usecases/not-found.js';\n" },
      { path: 'src/rules/ok.ts', text: "import type { Stage } from '../model/kargo.js';\nimport { x } from './sibling.js';\n" },
    ];
    expect(findViolations(wrong, ALLOWED_IMPORTS)).toEqual([
      { file: 'src/rules/soak.ts', specifier: '../cli/exit-codes.js', from: 'rules', to: 'cli' },
      { file: 'src/server/router.ts', specifier: '../kube/http-client.js', from: 'server', to: 'kube' },
      { file: 'src/engine/steps/x.ts', specifier: '../../usecases/not-found.js', from: 'engine', to: 'usecases' },
    ]);
  });
});
