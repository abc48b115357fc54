// Stages verified by AnalysisTemplates whose `web` metric asks a real local
// HTTP server: `/ok` says {"ok":true}, `/bad` {"ok":false}. Templates:
//   once    — one measurement
//   endless — a measurement every second, never done (for abort)
//   thrice  — three measurements a second apart (for restart)
// The metric's path comes from a Stage var through a `${{ }}` argument.

import type { KubeClient } from '../../src/kube/client.js';
import { resources } from '../../src/kube/resources.js';
import type { AnalysisTemplate, Metric } from '../../src/model/analysis.js';
import type { Stage } from '../../src/model/kargo.js';
import { DELIVER_STEPS } from './fixtures.js';

function metric(base: string, fields: Partial<Metric> = {}): Metric {
  return {
    name: 'ok',
    successCondition: 'result == true',
    provider: { web: { url: `${base}/{{args.path}}`, jsonPath: '{$.ok}' } },
    ...fields,
  };
}

function template(project: string, name: string, spec: AnalysisTemplate['spec']): AnalysisTemplate {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name, namespace: project }, spec };
}

export function verifiedStage(project: string, name: string, options: { template: string; path: string }): Stage {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: project },
    spec: {
      vars: [{ name: 'path', value: options.path }],
      requestedFreight: [{ origin: { kind: 'Warehouse', name: 'images' }, sources: { direct: true } }],
      promotionTemplate: { spec: { steps: DELIVER_STEPS } },
      verification: {
        analysisTemplates: [{ name: options.template }],
        analysisRunMetadata: { labels: { team: 'shop' }, annotations: { note: 'from the Stage' } },
        args: [{ name: 'path', value: '${{ vars.path }}' }],
      },
    },
  };
}

export async function createTemplates(admin: KubeClient, project: string, base: string): Promise<void> {
  const args = [{ name: 'path' }];
  await admin.create(resources.analysisTemplate, template(project, 'once', { args, metrics: [metric(base)] }), project);
  await admin.create(resources.analysisTemplate, template(project, 'endless', { args, metrics: [metric(base, { interval: '1s' })] }), project);
  await admin.create(resources.analysisTemplate, template(project, 'thrice', { args, metrics: [metric(base, { interval: '1s', count: 3 })] }), project);
}
