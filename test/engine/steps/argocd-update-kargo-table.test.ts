// Kargo's own validation table for argocd-update (Test_argocdUpdater_convert in
// pkg/promotion/runner/builtin/argocd_updater_test.go, v1.11.2): each config
// and the problem texts Kargo's test expects to find in the error.

import { describe, expect, it } from 'vitest';
import { invalidConfigMessage } from '../../../src/engine/config-schema.js';
import { argocdUpdateStep } from '../../../src/engine/steps/argocd-update.js';

const app = (entry: Record<string, unknown>) => ({ apps: [entry] });
const source = (entry: Record<string, unknown>) => app({ sources: [entry] });
const selector = (entry: Record<string, unknown>) => app({ selector: entry });

const table: [string, unknown, string[]][] = [
  ['apps not specified', {}, ['(root): apps is required']],
  ['apps is empty array', { apps: [] }, ['apps: Array must have at least 1 items']],
  ['app name and selector not specified', app({}), ['apps.0: Must validate one and only one schema (oneOf)']],
  ['app name is empty string', app({ name: '' }), ['apps.0.name: String length must be greater than or equal to 1']],
  [
    'app name and selector both specified',
    app({ name: 'my-app', selector: { matchLabels: { env: 'prod' } } }),
    ['apps.0: Must validate one and only one schema (oneOf)'],
  ],
  ['app selector is empty', selector({}), ['apps.0.selector: Must validate at least one schema (anyOf)']],
  ['app selector matchLabels is empty object', selector({ matchLabels: {} }), ['apps.0.selector.matchLabels: Must have at least 1 properties']],
  ['app selector matchExpressions is empty array', selector({ matchExpressions: [] }), ['apps.0.selector.matchExpressions: Array must have at least 1 items']],
  ['app selector matchExpression missing key', selector({ matchExpressions: [{ operator: 'In' }] }), ['apps.0.selector.matchExpressions.0: key is required']],
  [
    'app selector matchExpression missing operator',
    selector({ matchExpressions: [{ key: 'env' }] }),
    ['apps.0.selector.matchExpressions.0: operator is required'],
  ],
  [
    'matchExpression key is empty string',
    selector({ matchExpressions: [{ key: '', operator: 'In' }] }),
    ['apps.0.selector.matchExpressions.0.key: String length must be greater than or equal to 1'],
  ],
  [
    'matchExpression operator is empty string',
    selector({ matchExpressions: [{ key: 'env', operator: '' }] }),
    ['apps.0.selector.matchExpressions.0.operator must be one of the following'],
  ],
  [
    'matchExpression operator is invalid',
    selector({ matchExpressions: [{ key: 'env', operator: 'InvalidOperator' }] }),
    ['apps.0.selector.matchExpressions.0.operator must be one of the following'],
  ],
  ['app namespace is empty string', app({ namespace: '' }), ['apps.0.namespace: String length must be greater than or equal to 1']],
  ['app sources is empty array', app({ sources: [] }), ['apps.0.sources: Array must have at least 1 items']],
  ['source repoURL not specified', source({}), ['apps.0.sources.0: repoURL is required']],
  ['source repoURL is empty string', source({ repoURL: '' }), ['apps.0.sources.0.repoURL: String length must be greater than or equal to 1']],
  ['updateTargetRevision without desiredRevision', source({ updateTargetRevision: true }), ['apps.0.sources.0: Must validate one and only one schema']],
  ['helm images is empty array', source({ helm: { images: [] } }), ['apps.0.sources.0.helm.images: Array must have at least 1 items']],
  ['helm images update key is not specified', source({ helm: { images: [{}] } }), ['apps.0.sources.0.helm.images.0: key is required']],
  [
    'helm images update key is empty string',
    source({ helm: { images: [{ key: '' }] } }),
    ['apps.0.sources.0.helm.images.0.key: String length must be greater than or equal to 1'],
  ],
  ['helm images update value is not specified', source({ helm: { images: [{}] } }), ['apps.0.sources.0.helm.images.0: value is required']],
  ['kustomize images is empty array', source({ kustomize: { images: [] } }), ['apps.0.sources.0.kustomize.images: Array must have at least 1 items']],
  [
    'kustomize images newName is empty string',
    source({ kustomize: { images: [{ newName: '' }] } }),
    ['apps.0.sources.0.kustomize.images.0.newName: String length must be greater than or equal to 1'],
  ],
  ['kustomize images repoURL is not specified', source({ kustomize: { images: [{}] } }), ['apps.0.sources.0.kustomize.images.0: repoURL is required']],
  [
    'kustomize images repoURL is empty string',
    source({ kustomize: { images: [{ repoURL: '' }] } }),
    ['apps.0.sources.0.kustomize.images.0.repoURL: String length must be greater than or equal to 1'],
  ],
  [
    'kustomize images digest and tag both specified',
    source({ kustomize: { images: [{ digest: 'fake-digest', tag: 'fake-tag' }] } }),
    ['apps.0.sources.0.kustomize.images.0: Must validate one and only one schema (oneOf)'],
  ],
];

describe("argocd-update: Kargo's validation table", () => {
  for (const [name, config, expected] of table) {
    it(name, () => {
      const message = invalidConfigMessage('argocd-update', argocdUpdateStep.validate(config));
      expect(message.startsWith('invalid argocd-update config: ')).toBe(true);
      for (const problem of expected) expect(message).toContain(problem);
    });
  }
});
