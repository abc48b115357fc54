// The example's five Stages, their Argo CD Applications, and what ties them:
// dev takes Freight straight from the Warehouse; staging-us and staging-eu
// from dev; prod-us and prod-eu only Freight verified in BOTH staging regions
// and soaked there (availabilityStrategy: All, requiredSoakTime).

import type { KubeObject } from '../../model/kargo.js';
import { PORT_ANNOTATION } from '../argocd-standin/application.js';
import { ARGOCD_NAMESPACE, type ExampleSettings, PROJECT, WAREHOUSE } from './settings.js';

export const STAGES = ['dev', 'staging-us', 'staging-eu', 'prod-us', 'prod-eu'] as const;
export type StageName = (typeof STAGES)[number];

const UPSTREAM: Record<StageName, string[]> = {
  dev: [],
  'staging-us': ['dev'],
  'staging-eu': ['dev'],
  'prod-us': ['staging-us', 'staging-eu'],
  'prod-eu': ['staging-us', 'staging-eu'],
};

function sources(stage: StageName, settings: ExampleSettings): Record<string, unknown> {
  const upstream = UPSTREAM[stage];
  if (upstream.length === 0) return { direct: true };
  if (upstream.length === 1) return { stages: upstream };
  return { stages: upstream, availabilityStrategy: 'All', requiredSoakTime: settings.soak };
}

function verification(stage: StageName, settings: ExampleSettings): Record<string, unknown> {
  const url = `http://127.0.0.1:${settings.ports[stage]}`;
  const templates = stage === 'dev' ? [{ name: 'http-health-check' }] : [{ name: 'http-health-check' }, { name: 'error-rate' }];
  const args =
    stage === 'dev'
      ? [{ name: 'url', value: url }]
      : [
          { name: 'url', value: url },
          { name: 'prometheus', value: url },
        ];
  return { analysisTemplates: templates, args };
}

export function stage(name: StageName, settings: ExampleSettings): KubeObject {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: PROJECT },
    spec: {
      requestedFreight: [{ origin: { kind: 'Warehouse', name: WAREHOUSE }, sources: sources(name, settings) }],
      promotionTemplate: { spec: { steps: [{ task: { name: 'kustomize-promote' } }] } },
      verification: verification(name, settings),
    },
  } as KubeObject;
}

/** The Stage's Argo CD Application: its stage branch, served by the stand-in on the Stage's port. */
export function application(name: StageName, settings: ExampleSettings): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: `${PROJECT}-${name}`,
      namespace: ARGOCD_NAMESPACE,
      annotations: { 'kargo.akuity.io/authorized-stage': `${PROJECT}:${name}`, [PORT_ANNOTATION]: String(settings.ports[name]) },
    },
    spec: {
      project: 'default',
      source: { repoURL: settings.repoURL, path: '.', targetRevision: `stage/${name}` },
      destination: { server: 'https://kubernetes.default.svc', namespace: `${PROJECT}-${name}` },
    },
  } as KubeObject;
}
