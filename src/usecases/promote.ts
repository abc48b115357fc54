// `kargo promote`: decides, in Kargo's order, whether the promotion may happen
// (project, stage, freight → 3; permission → 4; availability → 8), builds the
// exact Promotion Kargo would, and creates it once. With --downstream-from every
// downstream Stage is checked before anything is created.

import type { KubeClient } from '../kube/client.js';
import { KubeApiError, isNotFound } from '../kube/errors.js';
import { KARGO_GROUP, resources } from '../kube/resources.js';
import type { Freight, Project, Promotion, Stage } from '../model/kargo.js';
import { downstreamStages } from '../rules/downstream-stages.js';
import type { UlidSource } from '../rules/promotion-name.js';
import { createPromotionOnce } from './create-promotion.js';
import { projectNotFound } from './not-found.js';
import { type AvailabilityDecision, type ProjectTopology, decideAvailability, readTopology } from './availability.js';
import { buildPromotionFor } from './build-promotion.js';
import { promoteNeed, requirePermissions } from './permissions.js';
import { type FreightSelector, freightLabel, resolveFreight } from './resolve-freight.js';
import { pickWarehouseCandidate } from './warehouse-candidate.js';
import { getStage } from './lookups.js';
import { fail } from '../runtime/failure.js';

/** What to promote: as the user named it, the Warehouse's candidate, or Freight already read (a rollback's). */
export type PromoteFreight = FreightSelector | { by: 'warehouse'; value: string } | { by: 'read'; freight: Freight };

export type PromoteTarget = { stage: string } | { downstreamFrom: string };

export interface PromoteRequest {
  project: string;
  freight: PromoteFreight;
  target: PromoteTarget;
  /** Marks the Promotion as a rollback (annotation kargo.akuity.io/rollback). */
  rollback?: boolean;
  now: Date;
  ulid: UlidSource;
}

export interface PlannedPromotion {
  stage: Stage;
  freight: Freight;
  decision: AvailabilityDecision;
  promotion: Promotion;
}

export async function planPromotions(client: KubeClient, request: PromoteRequest): Promise<PlannedPromotion[]> {
  const { project } = request;
  await requireProject(client, project);
  const targetName = 'stage' in request.target ? request.target.stage : request.target.downstreamFrom;
  const anchor = await getStage(client, project, targetName);

  const freight =
    request.freight.by === 'read'
      ? request.freight.freight
      : request.freight.by === 'warehouse'
        ? await pickWarehouseCandidate(client, project, anchor, request.freight.value, request.now)
        : await resolveFreight(client, project, request.freight);

  const topology = await readTopology(client, project);
  const stages = 'stage' in request.target ? [anchor] : downstreamOf(topology, anchor, freight);
  const purpose = `promote to Stage "${stages.map((stage) => stage.metadata.name).join('", "')}"`;
  await requirePermissions(client, [
    ...stages.map((stage) => promoteNeed(project, stage.metadata.name!, purpose)),
    { verb: 'create', group: KARGO_GROUP, resource: 'promotions', namespace: project, purpose },
  ]);

  const decisions = stages.map((stage) => ({ stage, decision: decideAvailability(project, stage, freight, topology, request.now) }));
  const refused = decisions.filter(({ decision }) => !decision.available);
  if (refused.length > 0) {
    const scope =
      stages.length > 1
        ? `Nothing was promoted: ${refused.length} of ${stages.length} Stages downstream of "${targetName}" refuse ${freightLabel(freight)}.\n`
        : '';
    fail('refused', `${scope}${refused.map(({ decision }) => decision.text).join('\n')}`);
  }

  const actor = await client.whoAmI().then((user) => user.username);
  let freightList: Promise<Freight[]> | undefined;
  const projectFreight = () => (freightList ??= client.list<Freight>(resources.freight, project).then((list) => list.items));
  const plans: PlannedPromotion[] = [];
  for (const { stage, decision } of decisions) {
    const promotion = await buildPromotionFor(client, project, stage, freight, {
      actor,
      now: request.now,
      ulid: request.ulid,
      rollback: request.rollback ?? false,
      projectFreight,
    });
    plans.push({ stage, freight, decision, promotion });
  }
  return plans;
}

export interface SubmitOptions {
  dryRun: boolean;
  sleep(ms: number): Promise<void>;
  /** Told of each Promotion as soon as it exists, so a caller can report it even if a later one fails or the run is stopped. */
  onCreated?(promotion: Promotion, plan: PlannedPromotion): void;
}

/** Creates (or, with dryRun, has the server validate) each planned Promotion; returns them as the server answered. */
export async function submitPromotions(client: KubeClient, plans: PlannedPromotion[], options: SubmitOptions): Promise<Promotion[]> {
  const created: Promotion[] = [];
  for (const plan of plans) {
    try {
      const promotion = await createPromotionOnce(client, plan.promotion, options);
      created.push(promotion);
      options.onCreated?.(promotion, plan);
    } catch (error) {
      if (created.length > 0 && !options.onCreated) {
        const names = created.map((promotion) => promotion.metadata.name).join(', ');
        const reason = error instanceof Error ? error.message : String(error);
        fail('internal', `Created ${names}, but creating the Promotion for Stage "${plan.stage.metadata.name}" failed: ${reason}`);
      }
      throw error;
    }
  }
  return created;
}

async function requireProject(client: KubeClient, project: string): Promise<void> {
  try {
    await client.get<Project>(resources.project, project);
  } catch (error) {
    if (isNotFound(error)) throw projectNotFound(project, error);
    // Project-scoped roles usually cannot read the cluster-scoped Project; the Stage lookup that follows tells us enough.
    if (!(error instanceof KubeApiError && error.code === 403)) throw error;
  }
}

function downstreamOf(topology: ProjectTopology, upstream: Stage, freight: Freight): Stage[] {
  const upstreamName = upstream.metadata.name!;
  if (!freight.origin) fail('refused', `Freight ${freightLabel(freight)} has no origin, so no Stage downstream of "${upstreamName}" can request it.`);
  const downstream = downstreamStages([...topology.stagesByName.values()], upstreamName, freight.origin);
  if (downstream.length === 0) {
    fail(
      'not-found',
      `Stage "${upstreamName}" has no downstream stages that request Freight from ${freight.origin.kind}/${freight.origin.name}; nothing to promote to.`,
    );
  }
  return downstream;
}
