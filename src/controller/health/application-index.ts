// Which Stages' health depends on which Argo CD Applications (as the last
// health checks named them), so a change to an Application wakes exactly
// those Stages — Kargo's Stage controller watches Applications the same way.

import { DEFAULT_ARGOCD_NAMESPACE } from '../../engine/argocd/application.js';
import type { HealthCheck } from './aggregate.js';

export class ApplicationIndex {
  readonly #appsByStage = new Map<string, Set<string>>();

  track(stageKey: string, checks: readonly HealthCheck[]): void {
    const apps = new Set<string>();
    for (const check of checks) {
      if (check.uses !== 'argocd-update') continue;
      const entries = (check.config as { apps?: unknown } | undefined)?.apps;
      if (!Array.isArray(entries)) continue;
      for (const entry of entries as { name?: unknown; namespace?: unknown }[]) {
        if (typeof entry?.name !== 'string') continue;
        const namespace = typeof entry.namespace === 'string' && entry.namespace ? entry.namespace : DEFAULT_ARGOCD_NAMESPACE;
        apps.add(`${namespace}/${entry.name}`);
      }
    }
    if (apps.size === 0) this.#appsByStage.delete(stageKey);
    else this.#appsByStage.set(stageKey, apps);
  }

  stagesFor(appKey: string): string[] {
    return [...this.#appsByStage].filter(([, apps]) => apps.has(appKey)).map(([stage]) => stage);
  }
}
