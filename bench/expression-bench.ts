// Expression benchmark: evaluations per second of typical Kargo expressions
// (a config template with imageFrom(), a var joining strings, an `if`
// condition, a whole step config), through the engine's public API. Each
// case runs for BENCH_MS milliseconds (default 1000) after a warm-up.
//
//   npx tsx bench/expression-bench.ts

import { performance } from 'node:perf_hooks';
import { evaluateExpression, evaluateTemplate, kargoExpressionEnv } from '../src/engine/expressions/index.js';

const budgetMs = Number(process.env.BENCH_MS ?? 1000);

const env = kargoExpressionEnv({
  project: 'kargo-demo',
  stage: 'prod',
  promotion: 'prod.01j2k3.abc1234',
  targetFreight: { name: 'abc1234', origin: { name: 'guestbook' } },
  freightRequests: [{ origin: { kind: 'Warehouse', name: 'guestbook' }, sources: { direct: true } }],
  freight: [
    {
      name: 'abc1234',
      origin: { kind: 'Warehouse', name: 'guestbook' },
      images: [{ repoURL: 'ghcr.io/akuity/guestbook', tag: 'v0.0.3', digest: 'sha256:1234' }],
      commits: [{ repoURL: 'https://github.com/akuity/kargo-demo.git', id: 'c0ffee' }],
    },
  ],
  warehouses: [
    {
      metadata: { name: 'guestbook' },
      spec: {
        subscriptions: [{ image: { repoURL: 'ghcr.io/akuity/guestbook' } }, { git: { repoURL: 'https://github.com/akuity/kargo-demo.git' } }],
      },
    },
  ],
  vars: { gitRepo: 'https://github.com/akuity/kargo-demo.git', imageRepo: 'ghcr.io/akuity/guestbook', x: 'guestbook' },
  state: { 'update-image': { commit: 'c0ffee' } },
  stepExecutionMetadata: [{ alias: 'clone', status: 'Succeeded' }],
  stepAlias: 'commit',
});

const stepConfig = {
  path: './out',
  message: 'Updated ${{ ctx.stage }} to ${{ imageFrom(vars.imageRepo).Tag }}',
  images: [{ image: '${{ vars.imageRepo }}', tag: '${{ imageFrom(vars.imageRepo).Tag }}' }],
  checkout: [{ commit: '${{ commitFrom(vars.gitRepo).ID }}', path: './src' }],
  author: { name: 'Kargo', email: 'kargo@example.com' },
};

const cases: { label: string; run: () => unknown }[] = [
  { label: 'template  "${{ imageFrom(vars.imageRepo).Tag }}"', run: () => evaluateTemplate('${{ imageFrom(vars.imageRepo).Tag }}', env) },
  { label: 'expression vars.x + "-" + ctx.stage', run: () => evaluateExpression('vars.x + "-" + ctx.stage', env) },
  {
    label: 'condition  status("clone") == "Succeeded" && !failure()',
    run: () => evaluateExpression('status("clone") == "Succeeded" && !failure()', env),
  },
  { label: 'step config (5 templates, nested)', run: () => evaluateTemplate(stepConfig, env) },
];

function measure(run: () => unknown): number {
  for (let i = 0; i < 2000; i++) run();
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let i = 0; i < 500; i++) run();
    count += 500;
    elapsed = performance.now() - start;
  }
  return (count / elapsed) * 1000;
}

console.log(`expression evaluations per second (Node ${process.version}, ${budgetMs} ms per case)`);
for (const { label, run } of cases) {
  const perSecond = measure(run);
  console.log(`${label.padEnd(58)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} /s`);
}
