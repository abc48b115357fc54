// The examples of Kargo v1.11.2's expression reference
// (docs/docs/50-user-guide/60-reference-docs/40-expressions.md), with the
// results the page states, run as a step config would be.

import { describe, expect, it } from 'vitest';
import { evaluateTemplate, kargoExpressionEnv } from '../../../src/engine/expressions/index.js';
import type { KargoExpressionData } from '../../../src/engine/expressions/index.js';
import { fakeData } from './cases/kargo-fixtures.js';

const NGINX = 'public.ecr.aws/nginx/nginx';

const data = fakeData({
  stage: 'uat',
  targetFreight: { name: 'f-1' },
  freight: [
    {
      name: 'f-1',
      origin: { kind: 'Warehouse', name: 'fake-warehouse' },
      images: [{ repoURL: NGINX, tag: '1.27.1' }],
      commits: [{ repoURL: 'https://github.com/example/repo.git', id: 'abc123' }],
    },
  ],
  warehouses: [
    {
      metadata: { name: 'fake-warehouse' },
      spec: { subscriptions: [{ image: { repoURL: NGINX } }, { git: { repoURL: 'https://github.com/example/repo' } }] },
    },
  ],
  freightObjects: [{ metadata: { name: 'f-1' }, status: { metadata: { category: 'hotfix', settings: { retries: 3 } } } }],
  stages: [{ metadata: { name: 'uat' }, spec: {}, status: { metadata: { 'aws-region': 'us-west-2' } } }],
  configMaps: [{ metadata: { name: 'my-config' }, data: { repoURL: 'https://github.com/example/repo.git' } }],
  vars: { imageRepo: NGINX },
  state: { 'read-version': { currentVersion: '1.26.0' }, 'update-image': { commitMessage: 'Updated nginx' } },
  stepExecutionMetadata: [{ alias: 'my-step-alias', status: 'Succeeded' }],
} satisfies Partial<KargoExpressionData>);

const run = (template: unknown) => evaluateTemplate(template, kargoExpressionEnv(data));

describe('the expression reference, example by example', () => {
  it.each([
    ['${{ "Hello, world!" }}', 'Hello, world!'],
    ['${{ 40 + 2 }}', 42],
    ['${{ quote(40 + 2) }}', '42'],
    ['${{ quote("string") }}', 'string'],
    ['${{ unsafeQuote(40 + 2) }}', '42'],
    ['${{ unsafeQuote("string") }}', '"string"'],
    ['${{ ctx.stage }}', 'uat'],
    [`\${{ imageFrom("${NGINX}").Tag }}`, '1.27.1'],
    [`\${{ imageFrom("${NGINX}", warehouse("fake-warehouse")).Tag }}`, '1.27.1'],
    ['${{ commitFrom("https://github.com/example/repo.git").ID }}', 'abc123'],
    ["${{ configMap('my-config').repoURL }}", 'https://github.com/example/repo.git'],
    ['${{ freightMetadata(ctx.targetFreight.name).category }}', 'hotfix'],
    ['${{ freightMetadata(ctx.targetFreight.name)?.config?.settings?.timeoutSeconds ?? 300 }}', 300],
    ['${{ freightMetadata(ctx.targetFreight.name)[\'settings\'] ?? "default-settings" }}', { retries: 3 }],
    ["${{ stageMetadata(ctx.stage)['aws-region'] }}", 'us-west-2'],
    ['${{ stageMetadata(ctx.stage)[\'tier\'] ?? "default-tier" }}', 'default-tier'],
    ['${{ stageMetadata(ctx.stage)?.config?.settings?.timeoutSeconds ?? 300 }}', 300],
    ["${{ outputs['update-image'].commitMessage }}", 'Updated nginx'],
    ["${{ semverDiff(imageFrom(vars.imageRepo).Tag, outputs['read-version'].currentVersion) }}", 'Minor'],
    ["${{ semverDiff(imageFrom(vars.imageRepo).Tag, outputs['read-version'].currentVersion) != 'Major' }}", true],
    ["${{ semverParse(outputs['read-version'].currentVersion).IncMinor().String() }}", '1.27.0'],
    ['${{ status("my-step-alias") }}', 'Succeeded'],
    ['${{ success() }}', true],
    ['${{ failure() }}', false],
    ['${{ always() }}', true],
  ])('%s', (template, want) => {
    expect(run(template)).toEqual(want);
  });
});
