// `kargo status`: one LIST per kind (Warehouses, Stages, Freight) in the project's
// namespace, then the pure graph. The request count does not grow with the project.

import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Freight, Project, Stage, Warehouse } from '../model/kargo.js';
import { buildPipelineGraph, type PipelineGraph } from '../rules/pipeline-graph.js';

/** The project's graph, or undefined when the project does not exist. */
export async function loadPipeline(client: KubeClient, project: string, now: Date): Promise<PipelineGraph | undefined> {
  const [warehouses, stages, freight] = await Promise.all([
    client.list<Warehouse>(resources.warehouse, project),
    client.list<Stage>(resources.stage, project),
    client.list<Freight>(resources.freight, project),
  ]);
  if (warehouses.items.length === 0 && stages.items.length === 0) {
    // An empty list is also what a namespace that does not exist returns; only the
    // Project itself can tell "empty project" from "no such project".
    try {
      await client.get<Project>(resources.project, project);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
  return buildPipelineGraph({ project, warehouses: warehouses.items, stages: stages.items, freight: freight.items }, now);
}
