// Kargo's startVerification: a new VerificationInfo for the Stage's current
// collection. Without a reverify request an AnalysisRun already made for
// this collection is adopted (its phase copied); otherwise a new run is
// built and created. Any failure becomes an `Error` VerificationInfo rather
// than a failed reconcile, except a create that failed for a reason other
// than validation (that pass is retried too).

import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import { resources } from '../../kube/resources.js';
import type { AnalysisRun } from '../../model/analysis.js';
import type { FreightCollection, Stage, VerificationInfo } from '../../model/kargo.js';
import { FREIGHT_COLLECTION_LABEL, STAGE_LABEL } from '../../model/labels.js';
import { shortenLabelValue } from '../../rules/promotion-name.js';
import { buildAnalysisRun } from './build-run.js';
import { isFor, type VerificationRequest } from './request.js';

export interface StartInput {
  client: KubeClient;
  stage: Stage;
  collection: FreightCollection;
  request: VerificationRequest | undefined;
  id: string;
  ulid: string;
  startTime: string;
  endTime: () => string;
  controllerInstanceId?: string;
}

export interface StartResult {
  info: VerificationInfo;
  /** A create that should fail this pass as well (Kargo returns the error). */
  error?: Error;
}

export async function startVerification(input: StartInput): Promise<StartResult> {
  const { client, stage, collection, request } = input;
  const namespace = stage.metadata.namespace ?? '';
  const current = collection.verificationHistory?.[0];
  const base: VerificationInfo = { id: input.id, startTime: input.startTime };
  if (current && isFor(request, current.id) && request?.actor) base.actor = request.actor;
  const errored = (message: string): StartResult => ({ info: { ...base, finishTime: input.endTime(), phase: 'Error', message } });

  if (!request) {
    let existing: AnalysisRun | undefined;
    try {
      existing = await newestRunFor(client, namespace, stage.metadata.name ?? '', collection.id ?? '');
    } catch (error) {
      return errored(messageOf(error));
    }
    if (existing) {
      const phase = existing.status?.phase ?? '';
      return {
        info: {
          ...base,
          finishTime: input.endTime(),
          phase,
          analysisRun: { name: existing.metadata.name ?? '', namespace: existing.metadata.namespace ?? '', phase },
        },
      };
    }
  }

  const withPromotion = !current || (isFor(request, current.id) && request?.controlPlane === true && !!request.actor);
  let run: AnalysisRun;
  try {
    run = await buildAnalysisRun({ client, stage, collection, ulid: input.ulid, withPromotion, ...optional(input.controllerInstanceId) });
  } catch (error) {
    return errored(
      `error building AnalysisRun for Stage ${JSON.stringify(stage.metadata.name ?? '')} and Freight collection ${JSON.stringify(collection.id ?? '')} in namespace ${JSON.stringify(namespace)}: ${messageOf(error)}`,
    );
  }
  let created: AnalysisRun;
  try {
    created = await client.create<AnalysisRun>(resources.analysisRun, run, namespace);
  } catch (error) {
    const result = errored(
      `error creating AnalysisRun ${JSON.stringify(run.metadata.name ?? '')} in namespace ${JSON.stringify(namespace)}: ${messageOf(error)}`,
    );
    const invalid = error instanceof KubeApiError && error.code === 422;
    return invalid ? result : { ...result, error: error instanceof Error ? error : new Error(String(error)) };
  }
  return {
    info: {
      ...base,
      phase: 'Pending',
      ...(created.metadata.creationTimestamp ? { finishTime: created.metadata.creationTimestamp } : {}),
      analysisRun: { name: created.metadata.name ?? '', namespace: created.metadata.namespace ?? namespace, phase: created.status?.phase ?? '' },
    },
  };
}

/** Kargo's findExistingAnalysisRun: the newest run labelled for this Stage and collection. */
async function newestRunFor(client: KubeClient, namespace: string, stage: string, collectionId: string): Promise<AnalysisRun | undefined> {
  const labelSelector = `${STAGE_LABEL}=${shortenLabelValue(stage)},${FREIGHT_COLLECTION_LABEL}=${collectionId}`;
  let runs: AnalysisRun[];
  try {
    runs = (await client.list<AnalysisRun>(resources.analysisRun, namespace, { labelSelector })).items;
  } catch (error) {
    throw new Error(
      `error listing AnalysisRuns for Stage ${JSON.stringify(stage)} and Freight collection ${JSON.stringify(collectionId)} in namespace ${JSON.stringify(namespace)}: ${messageOf(error)}`,
    );
  }
  const created = (run: AnalysisRun): number => Date.parse(run.metadata.creationTimestamp ?? '') || 0;
  return [...runs].sort((a, b) => created(b) - created(a))[0];
}

function optional(controllerInstanceId: string | undefined): { controllerInstanceId?: string } {
  return controllerInstanceId ? { controllerInstanceId } : {};
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
