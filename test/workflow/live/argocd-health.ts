// Argo CD for the live Argo CD scenarios: the sandbox's stand-in (real syncs of
// the world's Git repository to the revision argocd-update asks for) plus the
// one part it does not play — health assessment of the deployed workload. The
// stand-in reports every synced Application Healthy; Argo CD reports what the
// workload says. So, in this test only, each Application's health is assessed
// from the workload's rollout endpoint its HEALTH_URL annotation names (the
// world's `/rollout/<key>`: rolling → Progressing, failed → Degraded, done →
// Healthy): applied to every status the stand-in writes (no Healthy flash
// after a sync) and re-assessed continuously, as Argo CD does.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeClient } from '../../../src/kube/client.js';
import { KubeApiError } from '../../../src/kube/errors.js';
import { systemClock } from '../../../src/runtime/clock.js';
import { APPLICATIONS, type Application } from '../../../src/sandbox/argocd-standin/application.js';
import { runArgoCDStandin } from '../../../src/sandbox/argocd-standin/standin.js';

export const ARGOCD_NAMESPACE = 'argocd';
/** Where the Application's workload reports its rollout (the world's `/rollout/<key>`). */
export const HEALTH_URL_ANNOTATION = 'test.kargo-cli.io/health-url';

const ASSESS_EVERY_MS = 250;

export interface ArgoCD {
  log: string[];
  stop(): Promise<void>;
}

async function assessedHealth(app: Application): Promise<string | undefined> {
  const url = app.metadata.annotations?.[HEALTH_URL_ANNOTATION];
  if (!url || app.status?.sync?.status !== 'Synced') return undefined;
  // A workload that no longer answers (its world closed) is left as it was.
  const body = (await fetch(url)
    .then((response) => response.json())
    .catch(() => undefined)) as { rollout?: string } | undefined;
  if (!body) return undefined;
  return body.rollout === 'done' ? 'Healthy' : body.rollout === 'failed' ? 'Degraded' : 'Progressing';
}

async function withAssessedHealth(written: Application): Promise<Application> {
  const app = written;
  const health = await assessedHealth(app);
  if (!health || !app.status) return app;
  return { ...app, status: { ...app.status, health: { status: health } } };
}

/** The stand-in's client, with health assessed on every Application it writes. */
function assessingClient(client: KubeClient): KubeClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'update') return Reflect.get(target, property, receiver);
      const update: KubeClient['update'] = async (type, object, namespace, options) =>
        target.update(
          type,
          type.plural === APPLICATIONS.plural ? await withAssessedHealth(object as unknown as Application) : object,
          namespace,
          options,
        ) as never;
      return update;
    },
  });
}

async function reassess(client: KubeClient): Promise<void> {
  for (const app of (await client.list<Application>(APPLICATIONS, ARGOCD_NAMESPACE)).items) {
    const health = await assessedHealth(app);
    if (!health || app.status?.health?.status === health) continue;
    const next: Application = { ...app, status: { ...app.status, health: { status: health } } };
    // Argo CD's CRD has no status subresource; a server that has one takes status there.
    await client.update<Application>(APPLICATIONS, next, ARGOCD_NAMESPACE, { subresource: 'status' }).catch(async (error: unknown) => {
      if (!(error instanceof KubeApiError && error.code === 404)) throw error;
      await client.update<Application>(APPLICATIONS, next, ARGOCD_NAMESPACE);
    });
  }
}

export async function startArgoCD(client: KubeClient): Promise<ArgoCD> {
  const dir = await mkdtemp(join(tmpdir(), 'kargo-live-argocd-'));
  const stopper = new AbortController();
  const log: string[] = [];
  const standin = runArgoCDStandin({
    client: assessingClient(client),
    clock: systemClock,
    dir,
    isBroken: async () => false,
    signal: stopper.signal,
    log: (line) => log.push(line),
  });
  const assessing = (async () => {
    while (!stopper.signal.aborted) {
      await reassess(client).catch((error: unknown) => {
        // A conflict with the stand-in's own write: assessed again next round.
        if (!(error instanceof KubeApiError && error.code === 409)) log.push(`health assessment: ${String(error)}`);
      });
      await new Promise((resolve) => setTimeout(resolve, ASSESS_EVERY_MS));
    }
  })();
  return {
    log,
    async stop() {
      stopper.abort();
      await Promise.all([standin.catch(() => undefined), assessing]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
