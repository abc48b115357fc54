// Reads what the availability rule needs beyond the Stage and the Freight (the
// project's Stages and Warehouses, to notice control-flow or missing upstreams)
// and returns the rule's explanation with the refusal text ready to print.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Freight, Stage, Warehouse } from '../model/kargo.js';
import { describeRefusal } from '../explain/availability.js';
import { type AvailabilityExplanation, explainAvailability } from '../rules/availability.js';

export interface AvailabilityDecision {
  available: boolean;
  explanation: AvailabilityExplanation;
  /** The rule's own words: why it is available, or the full refusal with what would change it. */
  text: string;
}

export interface ProjectTopology {
  stagesByName: ReadonlyMap<string, Stage>;
  warehouseNames: ReadonlySet<string>;
}

export async function readTopology(client: KubeClient, project: string): Promise<ProjectTopology> {
  const [stages, warehouses] = await Promise.all([client.list<Stage>(resources.stage, project), client.list<Warehouse>(resources.warehouse, project)]);
  return {
    stagesByName: new Map(stages.items.map((stage) => [stage.metadata.name ?? '', stage])),
    warehouseNames: new Set(warehouses.items.map((warehouse) => warehouse.metadata.name ?? '')),
  };
}

export function decideAvailability(project: string, stage: Stage, freight: Freight, topology: ProjectTopology, now: Date): AvailabilityDecision {
  const explanation = explainAvailability(freight, stage, { now, project, ...topology });
  return { available: explanation.available, explanation, text: describeRefusal(explanation) };
}
