// `kargo create -f` and `kargo apply -f` as Kargo's resource API does them: read
// each object first (so an existing one is never hidden behind a webhook's
// error), then create it, or — for apply — replace it in full at the resourceVersion
// read (Kargo's upsert is an update, not a merge). Before the first write every
// object is sent once with dryRun=All, so a document the cluster would refuse
// leaves everything unchanged.

import type { KubeClient } from '../kube/client.js';
import { isNotFound, KubeApiError } from '../kube/errors.js';
import type { KubeObject } from '../model/kargo.js';
import { needsCreator, withCreator } from '../rules/creator-annotation.js';
import { Failure, type FailureKind } from '../runtime/failure.js';
import { type ManifestObject, manifestProblems } from './manifest-plan.js';
import { ensureProjectNamespace } from './project-namespace.js';

export type WriteMode = 'create' | 'apply';

export interface WriteReport {
  created: { planned: ManifestObject; object: KubeObject }[];
  configured: { planned: ManifestObject; object: KubeObject }[];
  failed: { planned: ManifestObject; error: unknown }[];
  /** Project namespaces kargo created because no Kargo webhook did. */
  namespacesCreated: string[];
}

interface Write {
  planned: ManifestObject;
  object: KubeObject;
  existing?: KubeObject;
}

export async function writeManifests(client: KubeClient, planned: ManifestObject[], mode: WriteMode): Promise<WriteReport> {
  const existing = await Promise.all(planned.map((object) => readExisting(client, object)));
  if (mode === 'create') refuseExisting(planned, existing);
  const actor = planned.some((object, index) => !existing[index] && needsCreator(object.object)) ? (await client.whoAmI()).username : undefined;
  const writes: Write[] = planned.map((object, index) => {
    const found = existing[index];
    if (found)
      return {
        planned: object,
        existing: found,
        object: { ...object.object, metadata: { ...object.object.metadata, resourceVersion: found.metadata.resourceVersion } },
      };
    return { planned: object, object: actor ? withCreator(object.object, actor) : object.object };
  });
  await dryRun(client, writes);
  const report: WriteReport = { created: [], configured: [], failed: [], namespacesCreated: [] };
  for (const write of writes) {
    try {
      const written = await send(client, write, false);
      (write.existing ? report.configured : report.created).push({ planned: write.planned, object: written });
      if (!write.existing && write.planned.type.kind === 'Project' && (await ensureProjectNamespace(client, write.planned.name))) {
        report.namespacesCreated.push(write.planned.name);
      }
    } catch (error) {
      if (!isRefusal(error)) throw error;
      report.failed.push({ planned: write.planned, error });
    }
  }
  return report;
}

async function readExisting(client: KubeClient, object: ManifestObject): Promise<KubeObject | undefined> {
  try {
    return await client.get<KubeObject>(object.type, object.name, object.namespace);
  } catch (error) {
    // A missing namespace reads as a missing object; the dry run says which project is missing.
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function refuseExisting(planned: ManifestObject[], existing: (KubeObject | undefined)[]): void {
  const problems = planned.filter((_, index) => existing[index]).map((object) => `${object.where}: ${describe(object)} already exists`);
  if (problems.length === 0) return;
  const failure = manifestProblems(problems);
  throw new Failure('conflict', failure.message, [failure.hint, 'To update existing objects, use `kargo apply -f` instead.'].filter(Boolean).join('\n'));
}

/** Every write once with dryRun=All; objects in namespaces this run creates cannot be tried before those exist. */
async function dryRun(client: KubeClient, writes: Write[]): Promise<void> {
  const creatingNamespaces = new Set(
    writes.filter((write) => !write.existing && ['Namespace', 'Project'].includes(write.planned.type.kind)).map((write) => write.planned.name),
  );
  const tried = await Promise.all(
    writes.map(async (write) => {
      try {
        await send(client, write, true);
        return undefined;
      } catch (error) {
        if (!isRefusal(error)) throw error;
        if (error.code === 404 && write.planned.namespace && creatingNamespaces.has(write.planned.namespace)) return undefined;
        return { where: `${write.planned.where}: ${describe(write.planned)}: ${refusalOf(error)}`, kind: kindOf(error) };
      }
    }),
  );
  const problems = tried.filter((problem): problem is { where: string; kind: FailureKind } => problem !== undefined);
  if (problems.length === 0) return;
  const failure = manifestProblems(problems.map((problem) => problem.where));
  throw new Failure(problems[0]?.kind ?? 'usage', failure.message, failure.hint);
}

function send(client: KubeClient, write: Write, dryRun: boolean): Promise<KubeObject> {
  const { type, namespace } = write.planned;
  const options = dryRun ? { dryRun: true } : {};
  return write.existing ? client.update(type, write.object, namespace, options) : client.create(type, write.object, namespace, options);
}

export function describe(object: ManifestObject): string {
  return `${object.type.kind} "${object.name}"${object.namespace ? ` in namespace "${object.namespace}"` : ''}`;
}

function refusalOf(error: KubeApiError): string {
  if (error.code === 404 && error.status.details?.kind === 'namespaces')
    return `namespace "${error.status.details.name ?? ''}" does not exist (is the Project created?)`;
  if (error.code === 403) return `forbidden: ${error.message}`;
  return error.message;
}

/** The cluster said no to this object (4xx but 429); anything else ends the command as any failed request does. */
export function isRefusal(error: unknown): error is KubeApiError {
  return error instanceof KubeApiError && error.code >= 400 && error.code < 500 && error.code !== 429;
}

function kindOf(error: KubeApiError): FailureKind {
  if (error.code === 401 || error.code === 403) return 'forbidden';
  if (error.code === 404) return 'not-found';
  if (error.code === 409) return 'conflict';
  return 'usage';
}
