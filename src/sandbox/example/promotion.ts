// The example's `kustomize-promote` PromotionTask and its analysis templates.
// The task needs no kustomize program: it copies the Stage's Kustomize
// directory from main to the Stage's branch, sets the Freight's image there
// (kustomize-set-image), commits, pushes, and points the Stage's Argo CD
// Application at that commit (Argo CD — here the stand-in — renders it).

import type { KubeObject } from '../../model/kargo.js';
import { type ExampleSettings, PROJECT } from './settings.js';

export function promotionTask(settings: ExampleSettings): KubeObject {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'PromotionTask',
    metadata: { name: 'kustomize-promote', namespace: PROJECT },
    spec: {
      vars: [
        { name: 'repoURL', value: settings.repoURL },
        { name: 'imageRepo', value: settings.imageRepo },
      ],
      steps: [
        {
          uses: 'git-clone',
          config: {
            repoURL: '${{ vars.repoURL }}',
            checkout: [
              { commit: '${{ commitFrom(vars.repoURL).ID }}', path: './src' },
              { branch: 'stage/${{ ctx.stage }}', create: true, path: './out' },
            ],
          },
        },
        { uses: 'git-clear', config: { path: './out' } },
        { uses: 'copy', config: { inPath: './src/stages/${{ ctx.stage }}', outPath: './out' } },
        {
          uses: 'kustomize-set-image',
          as: 'update-image',
          config: { path: './out', images: [{ image: '${{ vars.imageRepo }}', tag: '${{ imageFrom(vars.imageRepo).Tag }}' }] },
        },
        { uses: 'git-commit', as: 'commit', config: { path: './out', message: "${{ task.outputs['update-image'].commitMessage }}" } },
        { uses: 'git-push', config: { path: './out' } },
        {
          uses: 'argocd-update',
          config: {
            apps: [
              { name: `${PROJECT}-\${{ ctx.stage }}`, sources: [{ repoURL: '${{ vars.repoURL }}', desiredRevision: '${{ task.outputs.commit.commit }}' }] },
            ],
          },
        },
      ],
    },
  } as KubeObject;
}

/** A health check of the Stage's application (web), and its error rate (prometheus) — both against the stand-in. */
export function analysisTemplates(): KubeObject[] {
  const templates: Record<string, unknown>[] = [
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'http-health-check', namespace: PROJECT },
      spec: {
        args: [{ name: 'url' }],
        metrics: [
          {
            name: 'healthz',
            count: 3,
            interval: '5s',
            failureLimit: 0,
            successCondition: 'result.status == "ok"',
            provider: { web: { url: '{{args.url}}/healthz', jsonPath: '{$}', timeoutSeconds: 5 } },
          },
        ],
      },
    },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'error-rate', namespace: PROJECT },
      spec: {
        args: [{ name: 'prometheus' }, { name: 'threshold', value: '0.05' }],
        metrics: [
          {
            name: 'http-5xx-ratio',
            count: 2,
            interval: '5s',
            failureLimit: 0,
            successCondition: 'result[0] <= {{args.threshold}}',
            provider: {
              prometheus: {
                address: '{{args.prometheus}}',
                query: 'sum(rate(http_requests_total{code=~"5.."}[1m])) / sum(rate(http_requests_total[1m]))',
              },
            },
          },
        ],
      },
    },
  ];
  return templates as unknown as KubeObject[];
}
