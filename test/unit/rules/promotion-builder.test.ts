import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Promotion, PromotionTask, Stage } from '../../../src/model/kargo.js';
import { buildPromotion, type BuildPromotionInput, PromotionBuildError } from '../../../src/rules/promotion-builder.js';
import { seededRandom, ulidSource } from '../../../src/rules/promotion-name.js';
import type { PromotionTaskKind } from '../../../src/rules/task-inflation.js';
import { freight, NOW, request, stage } from './fixtures.js';
import { expectGolden } from './golden.js';
import { promotionValidator } from './promotion-schema.js';

const FREIGHT = freight('f1e2d3c4b5a69788796a5b4c3d2e1f0012345678');
const validate = promotionValidator();

function tasks(...known: [PromotionTaskKind, PromotionTask][]): BuildPromotionInput['tasks'] {
  return (kind, name) => known.find(([k, task]) => k === kind && task.metadata.name === name)?.[1];
}

function task(name: string, spec: PromotionTask['spec'], cluster = false): PromotionTask {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: cluster ? 'ClusterPromotionTask' : 'PromotionTask',
    metadata: { name, ...(cluster ? {} : { namespace: 'demo' }) },
    spec,
  };
}

function build(target: Stage, lookup: BuildPromotionInput['tasks'] = tasks(), extra: Partial<BuildPromotionInput> = {}): Promotion {
  return buildPromotion({ stage: target, freight: FREIGHT, tasks: lookup, actor: 'alice@example.com', now: NOW, ulid: ulidSource(seededRandom(7)), ...extra });
}

const buildTask = task('build-and-push', {
  vars: [
    { name: 'image', value: 'ghcr.io/acme/app' }, // default
    { name: 'registry' }, // required, set on the referencing step
    { name: 'branch', value: 'main' }, // default, but the Promotion sets it: dropped
  ],
  steps: [
    { uses: 'git-clone', config: { repoURL: '${{ vars.repo }}', checkout: [{ branch: '${{ vars.branch }}', path: './src' }] } },
    { uses: 'kustomize-set-image', as: 'push', vars: [{ name: 'image', value: 'override-in-task-step' }], retry: { errorThreshold: 3 } },
  ],
});

const releaseTask = task(
  'release',
  {
    vars: [{ name: 'channel', value: 'stable' }],
    steps: [{ uses: 'http', if: '${{ vars.channel == "stable" }}', continueOnError: true, config: { url: 'https://hooks.example.com/${{ vars.channel }}' } }],
  },
  true,
);

const goldenCases: [string, Stage, BuildPromotionInput['tasks'], Partial<BuildPromotionInput>][] = [
  [
    'plain-steps',
    stage('staging', [request('app', { stages: ['dev'] })], {
      spec: {
        shard: 'east',
        vars: [
          { name: 'repo', value: 'https://github.com/acme/gitops.git' },
          { name: 'env', value: 'stage-level' },
        ],
        promotionTemplate: {
          spec: {
            vars: [{ name: 'env', value: 'template-level' }],
            steps: [
              { uses: 'git-clone', config: { repoURL: '${{ vars.repo }}' } },
              { uses: 'git-commit', as: 'commit', config: { path: './out', message: 'promote ${{ ctx.freight.name }}' } },
              { uses: 'argocd-update', retry: { timeout: '10m' }, config: { apps: [{ name: 'guestbook-${{ vars.env }}' }] } },
            ],
          },
        },
      },
    }),
    tasks(),
    {},
  ],
  [
    'task-inflation',
    stage('prod', [request('app', { stages: ['staging'] })], {
      spec: {
        vars: [{ name: 'branch', value: 'release' }],
        promotionTemplate: {
          spec: {
            steps: [
              { uses: 'git-clone' },
              { task: { name: 'build-and-push' }, vars: [{ name: 'registry', value: 'ghcr.io' }] },
              { uses: 'argocd-update', as: 'deploy' },
            ],
          },
        },
      },
    }),
    tasks(['PromotionTask', buildTask]),
    {},
  ],
  [
    'cluster-task-inflation',
    stage('prod', [request('app', { stages: ['staging'] })], {
      spec: {
        promotionTemplate: {
          spec: {
            steps: [
              { task: { name: 'release', kind: 'ClusterPromotionTask' }, as: 'notify' },
              { task: { name: 'release', kind: 'ClusterPromotionTask' }, vars: [{ name: 'channel', value: 'beta' }] },
            ],
          },
        },
      },
    }),
    tasks(['ClusterPromotionTask', releaseTask]),
    {},
  ],
  [
    'var-precedence',
    stage('qa', [request('app', { direct: true })], {
      spec: {
        vars: [
          { name: 'image', value: 'from-stage' }, // set on the Promotion: the task default is dropped
          { name: 'branch', value: '' }, // empty: does not count as set, the default stays
        ],
        promotionTemplate: {
          spec: {
            vars: [{ name: 'registry', value: 'from-template' }], // a required task var satisfied by the Promotion
            steps: [{ task: { name: 'build-and-push' }, as: 'build', vars: [{ name: 'extra', value: 'from-step' }] }],
          },
        },
      },
    }),
    tasks(['PromotionTask', buildTask]),
    {},
  ],
  ['rollback-long-names', stage(`${'a'.repeat(217)}-${'b'.repeat(30)}`, [request('app', { direct: true })]), tasks(), { rollback: true }],
];

describe('buildPromotion', () => {
  it.each(goldenCases)('%s matches its golden file and the Promotion CRD', (file, target, lookup, extra) => {
    const promotion = build(target, lookup, extra);
    expect(validate(promotion)).toEqual([]);
    expectGolden(`promotion-${file}.yaml`, stringify(promotion, { lineWidth: 0 }));
  });

  it('keeps the name within 253 characters and trims a cut that ends in "-"', () => {
    const longName = `${'a'.repeat(217)}-${'b'.repeat(30)}`;
    const promotion = build(stage(longName, [request('app', { direct: true })]));
    const name = promotion.metadata.name!;
    expect(name.length).toBeLessThanOrEqual(253);
    expect(name.startsWith(`${'a'.repeat(217)}.`)).toBe(true);
    expect(name.endsWith(`.${FREIGHT.metadata.name!.slice(0, 7)}`)).toBe(true);
    expect(promotion.metadata.labels?.['kargo.akuity.io/stage']).toHaveLength(63);
    expect(promotion.metadata.annotations?.['kargo.akuity.io/stage']).toBe(longName);
  });

  it('sets the owner reference, actor and rollback marker as the webhook does', () => {
    const promotion = build(stage('dev', [request('app', { direct: true })]), tasks(), { rollback: true });
    expect(promotion.metadata.ownerReferences).toEqual([
      { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Stage', name: 'dev', uid: 'uid-dev', controller: true, blockOwnerDeletion: true },
    ]);
    expect(promotion.metadata.annotations).toEqual({
      'kargo.akuity.io/stage': 'dev',
      'kargo.akuity.io/create-actor': 'kubernetes:alice@example.com',
      'kargo.akuity.io/rollback': 'true',
    });
    expect(promotion.metadata.labels).toEqual({ 'kargo.akuity.io/stage': 'dev' });
    expect(promotion.spec.vars).toBeUndefined();
  });

  it('produces the same name for the same clock and seed, and names sort by creation time', () => {
    const target = stage('dev', [request('app', { direct: true })]);
    expect(build(target).metadata.name).toBe(build(target).metadata.name);
    const later = build(target, tasks(), { now: new Date(NOW.getTime() + 1000) });
    expect(later.metadata.name! > build(target).metadata.name!).toBe(true);
    expect(build(target).metadata.name).toMatch(/^dev\.[0-9a-hjkmnp-tv-z]{26}\.f1e2d3c$/u);
  });

  const refusals: [string, Stage, BuildPromotionInput['tasks'], PromotionBuildError['reason'], string][] = [
    [
      'a control-flow Stage',
      stage('gate', [request('app', { stages: ['dev'] })], { controlFlow: true }),
      tasks(),
      'control-flow-stage',
      'Stage "gate" in namespace "demo" defines no promotion steps: it is a control-flow Stage, which Freight passes through without being promoted',
    ],
    [
      'a template with zero steps',
      stage('gate', [request('app', { stages: ['dev'] })], { spec: { promotionTemplate: { spec: { steps: [] } } } }),
      tasks(),
      'control-flow-stage',
      'Stage "gate" in namespace "demo" defines no promotion steps: it is a control-flow Stage, which Freight passes through without being promoted',
    ],
    [
      'a Stage that selects Targets',
      stage('fleet', [request('app', { direct: true })], { spec: { targets: { selectors: [{ matchLabels: { tier: 'edge' } }] } } }),
      tasks(),
      'stage-selects-targets',
      'Stage "fleet" selects Targets; it is promoted to with a PromotionRequest rather than a Promotion',
    ],
    [
      'a missing PromotionTask',
      stage('prod', [request('app', { direct: true })], {
        spec: { promotionTemplate: { spec: { steps: [{ uses: 'git-clone' }, { task: { name: 'nope' } }] } } },
      }),
      tasks(),
      'task-not-found',
      'failed to inflate Promotion steps: inflate task steps for task "nope" ("task-2"): PromotionTask "nope" not found',
    ],
    [
      'a ClusterPromotionTask looked up as a PromotionTask is missing',
      stage('prod', [request('app', { direct: true })], { spec: { promotionTemplate: { spec: { steps: [{ task: { name: 'release' }, as: 'rel' }] } } } }),
      tasks(['ClusterPromotionTask', releaseTask]),
      'task-not-found',
      'failed to inflate Promotion steps: inflate task steps for task "release" ("rel"): PromotionTask "release" not found',
    ],
    [
      'a required task variable nobody sets',
      stage('prod', [request('app', { direct: true })], { spec: { promotionTemplate: { spec: { steps: [{ task: { name: 'build-and-push' } }] } } } }),
      tasks(['PromotionTask', buildTask]),
      'missing-variable',
      'failed to inflate Promotion steps: inflate task steps for task "build-and-push" ("task-1"): missing value for variable "registry"',
    ],
    [
      'a required task variable set to an empty value on the step',
      stage('prod', [request('app', { direct: true })], {
        spec: { promotionTemplate: { spec: { steps: [{ task: { name: 'build-and-push' }, vars: [{ name: 'registry', value: '' }] }] } } },
      }),
      tasks(['PromotionTask', buildTask]),
      'missing-variable',
      'failed to inflate Promotion steps: inflate task steps for task "build-and-push" ("task-1"): missing value for variable "registry"',
    ],
  ];

  it.each(refusals)('refuses %s', (_name, target, lookup, reason, message) => {
    let caught: unknown;
    try {
      build(target, lookup);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PromotionBuildError);
    expect((caught as PromotionBuildError).reason).toBe(reason);
    expect((caught as PromotionBuildError).message).toBe(message);
  });

  it('the schema check itself rejects unknown fields and task steps', () => {
    const promotion = build(stage('dev', [request('app', { direct: true })]));
    const tampered = { ...promotion, spec: { ...promotion.spec, bogus: true, steps: [{ task: { name: 'x' } }] } };
    const errors = validate(tampered);
    expect(errors.some((error) => error.includes('must NOT have additional properties'))).toBe(true);
    expect(errors.some((error) => error.includes('must have uses set and must not reference a task'))).toBe(true);
  });
});
