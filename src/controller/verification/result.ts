// Kargo's getVerificationResult and abortVerification: the running
// verification's AnalysisRun read back into its VerificationInfo (phase,
// message and completedAt verbatim), or terminated at the user's request
// (recorded as Failed, "Verification aborted by user" — the run itself
// would say Successful once terminated).

import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import { resources } from '../../kube/resources.js';
import type { AnalysisRun } from '../../model/analysis.js';
import type { FreightCollection, VerificationInfo } from '../../model/kargo.js';
import type { Clock } from '../../runtime/clock.js';
import { isFor, type VerificationRequest } from './request.js';

export interface ResultOutcome {
  info: VerificationInfo;
  error?: Error;
}

/** Kargo retries a NotFound briefly: its cache may not have the new run yet. */
const NOT_FOUND_RETRIES = [50, 100, 200, 400];

export async function verificationResult(client: KubeClient, clock: Clock, collection: FreightCollection): Promise<ResultOutcome> {
  const current = requireRun(collection);
  const reference = current.analysisRun ?? {};
  let run: AnalysisRun;
  try {
    run = await getWithRetry(client, clock, reference.name ?? '', reference.namespace ?? '');
  } catch (error) {
    const message = `error getting AnalysisRun ${JSON.stringify(reference.name ?? '')} in namespace ${JSON.stringify(reference.namespace ?? '')}: ${messageOf(error)}`;
    const info: VerificationInfo = { ...identity(current), phase: 'Error', message, analysisRun: { ...reference } };
    if (current.finishTime) info.finishTime = current.finishTime;
    return { info, error: new Error(message) };
  }
  const phase = run.status?.phase ?? '';
  return {
    info: {
      ...identity(current),
      ...(run.status?.completedAt ? { finishTime: run.status.completedAt } : {}),
      phase,
      ...(run.status?.message ? { message: run.status.message } : {}),
      analysisRun: { name: run.metadata.name ?? '', namespace: run.metadata.namespace ?? '', phase },
    },
  };
}

export async function abortVerification(
  client: KubeClient,
  collection: FreightCollection,
  request: VerificationRequest,
  finishTime: string,
): Promise<VerificationInfo> {
  const current = requireRun(collection);
  const actor = isFor(request, current.id) ? request.actor : current.actor;
  const reference = current.analysisRun ?? {};
  const base: VerificationInfo = {
    id: current.id ?? '',
    ...(actor ? { actor } : {}),
    ...(current.startTime ? { startTime: current.startTime } : {}),
    finishTime,
    analysisRun: { ...reference },
  };
  try {
    await client.patch(resources.analysisRun, reference.name ?? '', { spec: { terminate: true } }, reference.namespace ?? '');
  } catch (error) {
    const message = `error terminating AnalysisRun ${JSON.stringify(reference.name ?? '')} in namespace ${JSON.stringify(reference.namespace ?? '')}: ${messageOf(error)}`;
    return { ...base, phase: 'Error', message };
  }
  return { ...base, phase: 'Failed', message: 'Verification aborted by user' };
}

function requireRun(collection: FreightCollection): VerificationInfo {
  const current = collection.verificationHistory?.[0];
  if (!current) throw new Error(`no current verification info for Freight collection ${JSON.stringify(collection.id ?? '')}`);
  if (!current.analysisRun) {
    throw new Error(`no AnalysisRun reference in current verification info for Freight collection ${JSON.stringify(collection.id ?? '')}`);
  }
  return current;
}

function identity(current: VerificationInfo): VerificationInfo {
  return { id: current.id ?? '', ...(current.actor ? { actor: current.actor } : {}), ...(current.startTime ? { startTime: current.startTime } : {}) };
}

async function getWithRetry(client: KubeClient, clock: Clock, name: string, namespace: string): Promise<AnalysisRun> {
  for (const delay of [...NOT_FOUND_RETRIES, undefined]) {
    try {
      return await client.get<AnalysisRun>(resources.analysisRun, name, namespace);
    } catch (error) {
      if (delay === undefined || !(error instanceof KubeApiError) || error.code !== 404) throw error;
      await clock.sleep(delay);
    }
  }
  throw new Error('unreachable');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
