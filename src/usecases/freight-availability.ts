// `kargo get freight --stage S`: every piece of Freight of the project with
// whether it may be promoted to S and why, decided by the same rules `promote`
// uses. Four LISTs/GETs, whatever the number of objects.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Freight, Stage } from '../model/kargo.js';
import { summarizeAvailability } from '../explain/availability.js';
import { type AvailabilityExplanation, explainAvailability } from '../rules/availability.js';
import { readTopology } from './availability.js';
import { assertProjectExists, type FreightFilter, selectObjects, selectorOptions } from './get.js';
import { getStage } from './lookups.js';

export interface FreightAvailability {
  freight: Freight;
  available: boolean;
  reason: string;
  /** The whole decision, for -o json|yaml. */
  explanation: AvailabilityExplanation;
}

export interface FreightAvailabilityRequest {
  project: string;
  stage: string;
  names: string[];
  labelSelector?: string;
  fieldSelector?: string;
  filter?: FreightFilter;
  now: Date;
}

export async function listFreightAvailability(
  client: KubeClient,
  request: FreightAvailabilityRequest,
): Promise<{ rows: FreightAvailability[]; missing: string[] }> {
  const [topology, freight] = await Promise.all([
    readTopology(client, request.project),
    client.list<Freight>(resources.freight, request.project, selectorOptions(request)),
  ]);
  const stage = topology.stagesByName.get(request.stage) ?? (await getStageOfProject(client, request.project, request.stage));
  const selected = selectObjects(freight.items, {
    type: resources.freight,
    project: request.project,
    names: request.names,
    ...(request.filter ? { freightFilter: request.filter } : {}),
  });
  const rows = (selected.items as Freight[]).map((item) => {
    const explanation = explainAvailability(item, stage, { now: request.now, project: request.project, ...topology });
    return { freight: item, available: explanation.available, reason: summarizeAvailability(explanation), explanation };
  });
  return { rows, missing: selected.missing };
}

/** The Stage, or — when it is missing — whichever of the project or the Stage is the thing not found. */
async function getStageOfProject(client: KubeClient, project: string, name: string): Promise<Stage> {
  await assertProjectExists(client, project);
  return getStage(client, project, name);
}
