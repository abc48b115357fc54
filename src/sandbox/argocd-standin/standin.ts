// A stand-in for Argo CD and the workloads it deploys — NOT Argo CD. It
// watches Applications and, when argocd-update asks for a sync (an
// `operation`), "syncs" each one: resolves the source's revision in the
// sandbox's local Git repository, reads the container images its manifests
// name, and writes the status Argo CD would (operationState, sync, health,
// reconciledAt). It then serves the Application's workload on 127.0.0.1 with
// that version (see workload-server.ts). A refresh request is answered by
// reconciling again. Nothing is deployed anywhere.

import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import { inform } from '../../kube/informer.js';
import type { Clock } from '../../runtime/clock.js';
import { APPLICATIONS, appKey, REFRESH_ANNOTATION, sourceOf, type AppStatus, type Application } from './application.js';
import { renderSource } from './rendered-manifests.js';
import { failedSyncStatus, refreshedStatus, syncedStatus, unsyncedStatus } from './sync-status.js';
import { Workloads } from './workloads.js';

export interface StandinOptions {
  client: KubeClient;
  clock: Clock;
  /** Where the workloads' ports are kept (workloads.json). */
  dir: string;
  /** Whether a container image, as the manifests name it, is a broken release. */
  isBroken(image: string): Promise<boolean>;
  signal: AbortSignal;
  log(line: string): void;
}

const tagOf = (image: string): string => {
  const name = image.split('@')[0] ?? image;
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(colon + 1) : 'latest';
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function runArgoCDStandin(options: StandinOptions): Promise<void> {
  const { client, clock, signal } = options;
  const workloads = new Workloads(options.dir, options.log);
  // One handling at a time per Application, the latest event last.
  const chains = new Map<string, Promise<void>>();

  /** Whether Applications have a status subresource here (the sandbox without Argo CD's CRD: yes; Argo CD's CRD: no). */
  let statusSubresource: boolean | undefined;

  /** Writes the status first, then drops the handled `operation` and refresh request, as Argo CD does; retried on 409. */
  async function write(app: Application, change: (latest: Application) => AppStatus | undefined): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const latest = await client.get<Application>(APPLICATIONS, app.metadata.name ?? '', app.metadata.namespace);
        const status = change(latest);
        if (!status) return;
        let next: Application = { ...structuredClone(latest), status };
        if (statusSubresource !== false) {
          try {
            next = await client.update<Application>(APPLICATIONS, next, latest.metadata.namespace, { subresource: 'status' });
            statusSubresource = true;
          } catch (error) {
            if (!(error instanceof KubeApiError && error.code === 404 && statusSubresource === undefined)) throw error;
            statusSubresource = false;
          }
        }
        delete next.operation;
        if (next.metadata.annotations) delete next.metadata.annotations[REFRESH_ANNOTATION];
        await client.update<Application>(APPLICATIONS, next, latest.metadata.namespace);
        return;
      } catch (error) {
        if (!(error instanceof KubeApiError && error.code === 409) || attempt >= 5) throw error;
      }
    }
  }

  async function deploy(app: Application, revision: string): Promise<{ images: string[]; url: string }> {
    const source = sourceOf(app);
    if (!source) throw new Error('the Application has no source');
    const rendered = await renderSource(source, revision);
    const image = rendered.images[0];
    const workload = await workloads.of(app);
    const state = { app: app.metadata.name ?? '', version: image ? tagOf(image) : 'unknown', broken: image ? await options.isBroken(image) : false };
    workload.set(state);
    workloads.record(appKey(app), { port: workload.port, url: workload.url, version: state.version, broken: state.broken });
    return { images: rendered.images, url: workload.url };
  }

  async function handle(seen: Application): Promise<void> {
    // Events queue up while a sync runs: decide on the Application as it is now.
    let app: Application;
    try {
      app = await client.get<Application>(APPLICATIONS, seen.metadata.name ?? '', seen.metadata.namespace);
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return;
      throw error;
    }
    const source = sourceOf(app);
    if (app.operation?.sync) {
      const wanted = app.operation.sync.revision ?? app.operation.sync.revisions?.[0] ?? source?.targetRevision ?? 'HEAD';
      try {
        const rendered = await renderSource(source ?? {}, wanted);
        const deployed = await deploy(app, rendered.revision);
        await write(app, (latest) => syncedStatus(latest, { revision: rendered.revision, images: deployed.images, externalURL: deployed.url }, clock.now()));
        options.log(`argocd stand-in: synced ${appKey(app)} to ${rendered.revision.slice(0, 7)} (${deployed.images.join(', ') || 'no images'})`);
      } catch (error) {
        await write(app, (latest) => failedSyncStatus(latest, messageOf(error), clock.now()));
        options.log(`argocd stand-in: sync of ${appKey(app)} failed: ${messageOf(error)}`);
      }
      return;
    }
    const synced = app.status?.sync?.revision;
    if (synced && !workloads.has(app)) await deploy(app, synced);
    if (app.metadata.annotations?.[REFRESH_ANNOTATION] !== undefined) {
      await write(app, (latest) => refreshedStatus(latest, clock.now()));
    } else if (!app.status?.sync) {
      await write(app, (latest) => (latest.status?.sync ? undefined : unsyncedStatus(latest, clock.now())));
    }
  }

  function enqueue(app: Application): void {
    const key = appKey(app);
    const next = (chains.get(key) ?? Promise.resolve())
      .then(() => handle(app))
      .catch((error: unknown) => options.log(`argocd stand-in: ${key}: ${messageOf(error)}`));
    chains.set(key, next);
  }

  try {
    for await (const event of inform<Application>(client, APPLICATIONS, undefined, { signal, sleep: clock.sleep })) {
      if (!event.object) continue;
      if (event.type === 'DELETED') await workloads.remove(appKey(event.object));
      else enqueue(event.object);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    await Promise.allSettled(chains.values());
    await workloads.closeAll();
  }
}
