// The example project: its namespace, Project, ProjectConfig (auto-promotion
// into dev only), the registry credentials Secret and the Warehouse — one
// Warehouse with both subscriptions, so every Freight carries an image and
// the configuration commit the promotion task renders from.

import type { KubeObject } from '../../model/kargo.js';
import { type ExampleSettings, PROJECT, WAREHOUSE } from './settings.js';

const b64 = (text: string): string => Buffer.from(text).toString('base64');

export function projectObjects(settings: ExampleSettings): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: PROJECT, labels: { 'kargo.akuity.io/project': 'true' } } },
    { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: PROJECT } },
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'ProjectConfig',
      metadata: { name: PROJECT, namespace: PROJECT },
      spec: { promotionPolicies: [{ stageSelector: { name: 'dev' }, autoPromotionEnabled: true }] },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'sandbox-registry', namespace: PROJECT, labels: { 'kargo.akuity.io/cred-type': 'image' } },
      data: { repoURL: b64(settings.imageRepo), username: b64(settings.registry.username), password: b64(settings.registry.password) },
    },
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Warehouse',
      metadata: { name: WAREHOUSE, namespace: PROJECT },
      spec: {
        interval: '1m0s',
        freightCreationPolicy: 'Automatic',
        subscriptions: [
          { image: { repoURL: settings.imageRepo, imageSelectionStrategy: 'SemVer', constraint: '^1.0.0', discoveryLimit: 10 } },
          { git: { repoURL: settings.repoURL, branch: 'main', commitSelectionStrategy: 'NewestFromBranch' } },
        ],
      },
    },
  ] as KubeObject[];
}
