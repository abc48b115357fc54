// How argocd-update changes an Application's sources (Kargo's
// applyArgoCDSourceUpdate): matching by normalised Git URL or by Helm
// repository and chart, Helm parameters replaced or appended, Kustomize images.

import { describe, expect, it } from 'vitest';
import type { Application } from '../../../src/engine/argocd/application.js';
import { desiredRevisions, desiredSources } from '../../../src/engine/argocd/desired-sources.js';

const app: Application = {
  metadata: { name: 'multi', namespace: 'argocd' },
  spec: {
    sources: [
      { repoURL: 'https://GitHub.com/example/infra.git', path: 'env/prod', targetRevision: 'main' },
      {
        repoURL: 'https://charts.example.com',
        chart: 'web',
        targetRevision: '1.0.0',
        helm: {
          parameters: [
            { name: 'image.tag', value: 'old' },
            { name: 'keep', value: 'me' },
          ],
        },
      },
    ],
  },
};

describe('argocd-update desired sources', () => {
  it('updates the Git source matched by normalised URL and the Helm source matched by chart', () => {
    const update = {
      sources: [
        {
          repoURL: 'https://github.com/example/infra',
          desiredRevision: 'abc',
          updateTargetRevision: true,
          kustomize: {
            images: [
              { repoURL: 'ghcr.io/x/web', digest: 'sha256:1' },
              { repoURL: 'ghcr.io/x/api', newName: 'mirror/api', tag: '2' },
            ],
          },
        },
        {
          repoURL: 'https://charts.example.com',
          chart: 'web',
          desiredRevision: '1.2.0',
          updateTargetRevision: true,
          helm: {
            images: [
              { key: 'image.tag', value: 'new' },
              { key: 'image.repo', value: 'ghcr.io/x/web' },
            ],
          },
        },
      ],
    };
    const [git, chart] = desiredSources(update, app);
    // Kargo pairs desired revisions with sources by exact repoURL, so this source keeps its targetRevision.
    expect(git).toEqual({
      repoURL: 'https://GitHub.com/example/infra.git',
      path: 'env/prod',
      targetRevision: 'main',
      kustomize: { images: ['ghcr.io/x/web@sha256:1', 'ghcr.io/x/api=mirror/api:2'] },
    });
    expect(chart?.targetRevision).toBe('1.2.0');
    expect(chart?.helm?.parameters).toEqual([
      { name: 'image.tag', value: 'new' },
      { name: 'keep', value: 'me' },
      { name: 'image.repo', value: 'ghcr.io/x/web' },
    ]);
    // Desired revisions pair with sources by exact repoURL and chart.
    expect(desiredRevisions(update, app)).toEqual(['', '1.2.0']);
    expect(app.spec.sources?.[0]?.targetRevision).toBe('main');
  });

  it('sets targetRevision only when asked, and refuses an update that matches no source', () => {
    const exact = 'https://GitHub.com/example/infra.git';
    expect(desiredSources({ sources: [{ repoURL: exact, desiredRevision: 'abc' }] }, app)[0]?.targetRevision).toBe('main');
    expect(desiredSources({ sources: [{ repoURL: exact, desiredRevision: 'abc', updateTargetRevision: true }] }, app)[0]?.targetRevision).toBe('abc');
    expect(() => desiredSources({ sources: [{ repoURL: 'https://charts.example.com', chart: 'api' }] }, app)).toThrow(
      'no source of Argo CD Application "multi" in namespace "argocd" matched update for source with repoURL https://charts.example.com and chart "api"',
    );
  });
});
