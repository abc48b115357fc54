// The project's promotion graph: Warehouses and Stages joined along
// `spec.requestedFreight[].sources` (kargo-semantics.md §1.5), layered by the
// longest path from a Warehouse, with what each Stage holds right now.
// Pure: the caller lists the objects and passes the clock's `now`.

import { explainAvailability } from './availability.js';
import { originKey, type Freight, type HealthState, type PromotionPhase, type Stage, type VerificationPhase, type Warehouse } from '../model/kargo.js';
import { freightAlias, newestFirst } from './freight-lookup.js';
import { compareStrings } from '../runtime/compare-strings.js';

export type PipelineNodeKind = 'Warehouse' | 'Stage';

export interface PipelineNodeRef {
  kind: PipelineNodeKind;
  name: string;
}

export interface FreightOnStage {
  /** Origin key, e.g. `Warehouse/images`. */
  origin: string;
  name: string;
  alias?: string;
}

export interface PipelineWarehouse {
  kind: 'Warehouse';
  name: string;
  layer: 0;
  /** Referenced by a Stage but absent from the project. */
  missing: boolean;
  freightCount: number;
  latestFreight?: { name: string; alias?: string };
}

export interface PipelinePromotion {
  name: string;
  phase?: PromotionPhase;
  freight?: { name: string; alias?: string };
}

export interface PipelineStage {
  kind: 'Stage';
  name: string;
  layer: number;
  missing: boolean;
  /** No promotion steps: freight passes through without being deployed anywhere. */
  controlFlow: boolean;
  freight: FreightOnStage[];
  health?: HealthState;
  /** Phase of the current freight collection's latest verification. */
  verification?: VerificationPhase;
  currentPromotion?: PipelinePromotion;
  lastPromotion?: PipelinePromotion;
  /** Soak of this Stage's current freight towards downstream Stages that require one. */
  soaks: SoakProgress[];
}

export interface SoakProgress {
  /** The downstream Stage whose `requiredSoakTime` this soak counts towards. */
  downstream: string;
  freight: { name: string; alias?: string };
  requiredSoakTime: string;
  elapsedMs: number;
  requiredMs: number;
  /** Soak only counts once the freight is verified in this Stage (§2.1). */
  verified: boolean;
  complete: boolean;
}

export type AvailabilityRule = 'All' | 'OneOf';

export interface PipelineEdge {
  from: PipelineNodeRef;
  /** Downstream Stage name. */
  to: string;
  origin: string;
  availabilityStrategy: AvailabilityRule;
  requiredSoakTime?: string;
}

export interface PipelineGraph {
  project: string;
  warehouses: PipelineWarehouse[];
  stages: PipelineStage[];
  edges: PipelineEdge[];
  /** Node references per layer; layer 0 holds the Warehouses. Order is by name. */
  layers: PipelineNodeRef[][];
  warnings: string[];
}

export interface PipelineObjects {
  project: string;
  warehouses: Warehouse[];
  stages: Stage[];
  freight: Freight[];
}

export function buildPipelineGraph(objects: PipelineObjects, now: Date): PipelineGraph {
  const warnings: string[] = [];
  const freightByName = new Map(objects.freight.map((freight) => [freight.metadata.name ?? '', freight]));
  const stagesByName = new Map(objects.stages.map((stage) => [stage.metadata.name ?? '', stage]));

  const warehouseNames = new Set(objects.warehouses.map((warehouse) => warehouse.metadata.name ?? ''));
  const missingWarehouses = new Set<string>();
  const missingStages = new Set<string>();
  const edges: PipelineEdge[] = [];

  for (const stage of sortByName(objects.stages)) {
    const stageName = stage.metadata.name ?? '';
    for (const request of stage.spec.requestedFreight ?? []) {
      const origin = originKey(request.origin);
      const rule: AvailabilityRule = request.sources.availabilityStrategy === 'All' ? 'All' : 'OneOf';
      const soak = request.sources.requiredSoakTime ? { requiredSoakTime: request.sources.requiredSoakTime } : {};
      if (request.sources.direct) {
        if (request.origin.kind !== 'Warehouse') {
          warnings.push(`stage ${stageName} requests freight from unsupported origin ${origin}`);
        } else {
          if (!warehouseNames.has(request.origin.name)) missingWarehouses.add(request.origin.name);
          edges.push({ from: { kind: 'Warehouse', name: request.origin.name }, to: stageName, origin, availabilityStrategy: rule, ...soak });
        }
      }
      for (const upstream of request.sources.stages ?? []) {
        if (!stagesByName.has(upstream)) missingStages.add(upstream);
        edges.push({ from: { kind: 'Stage', name: upstream }, to: stageName, origin, availabilityStrategy: rule, ...soak });
      }
      if (!request.sources.direct && (request.sources.stages ?? []).length === 0) {
        warnings.push(`stage ${stageName} requests ${origin} but names no source (neither direct nor upstream stages)`);
      }
    }
  }
  for (const name of missingWarehouses) warnings.push(`warehouse ${name} is requested but does not exist`);
  for (const name of missingStages) warnings.push(`stage ${name} is named as an upstream stage but does not exist`);

  const allStageNames = [...new Set([...stagesByName.keys(), ...missingStages])].sort();
  const layerOf = stageLayers(allStageNames, edges, warnings);

  const warehouses: PipelineWarehouse[] = [...new Set([...warehouseNames, ...missingWarehouses])]
    .sort()
    .map((name) => describeWarehouse(name, !warehouseNames.has(name), objects.freight));
  const stages: PipelineStage[] = allStageNames.map((name) => {
    const stage = stagesByName.get(name);
    const layer = layerOf.get(name) ?? 1;
    if (!stage) return { kind: 'Stage', name, layer, missing: true, controlFlow: false, freight: [], soaks: [] };
    return describeStage(stage, layer, { freightByName, stagesByName, edges, now });
  });

  const depth = Math.max(0, ...stages.map((stage) => stage.layer));
  const layers: PipelineNodeRef[][] = Array.from({ length: depth + 1 }, () => []);
  for (const warehouse of warehouses) layers[0]?.push({ kind: 'Warehouse', name: warehouse.name });
  for (const stage of stages) layers[stage.layer]?.push({ kind: 'Stage', name: stage.name });
  if (warehouses.length === 0 && stages.length === 0) layers.length = 0;

  return { project: objects.project, warehouses, stages, edges, layers, warnings };
}

/**
 * Longest path from a Warehouse (layer 0). Cycles are broken where a walk down
 * from the Warehouse-fed Stages first closes them; those edges are reported.
 */
function stageLayers(stageNames: string[], edges: PipelineEdge[], warnings: string[]): Map<string, number> {
  const stageEdges = edges.filter((edge) => edge.from.kind === 'Stage');
  const downstreamOf = new Map<string, string[]>();
  for (const edge of stageEdges) downstreamOf.set(edge.from.name, [...(downstreamOf.get(edge.from.name) ?? []), edge.to]);

  const backEdges = new Set<string>();
  const state = new Map<string, 'active' | 'done'>();
  const walk = (name: string): void => {
    state.set(name, 'active');
    for (const next of downstreamOf.get(name) ?? []) {
      if (state.get(next) === 'active') backEdges.add(`${name}\u0000${next}`);
      else if (!state.has(next)) walk(next);
    }
    state.set(name, 'done');
  };
  const fedByWarehouse = new Set(edges.filter((edge) => edge.from.kind === 'Warehouse').map((edge) => edge.to));
  const fedByStage = new Set(stageEdges.map((edge) => edge.to));
  const roots = stageNames.filter((name) => fedByWarehouse.has(name) || !fedByStage.has(name));
  for (const name of [...roots, ...stageNames]) if (!state.has(name)) walk(name);
  for (const edge of backEdges) {
    const [from, to] = edge.split('\u0000');
    warnings.push(`stages ${from} and ${to} form a cycle; the edge ${from} -> ${to} is ignored for layering`);
  }

  const upstreamOf = new Map<string, string[]>();
  for (const edge of stageEdges) {
    if (!backEdges.has(`${edge.from.name}\u0000${edge.to}`)) upstreamOf.set(edge.to, [...(upstreamOf.get(edge.to) ?? []), edge.from.name]);
  }
  const layers = new Map<string, number>();
  const layerOf = (name: string): number => {
    const known = layers.get(name);
    if (known !== undefined) return known;
    const layer = Math.max(1, ...(upstreamOf.get(name) ?? []).map((upstream) => layerOf(upstream) + 1));
    layers.set(name, layer);
    return layer;
  };
  for (const name of stageNames) layerOf(name);
  return layers;
}

function describeWarehouse(name: string, missing: boolean, freight: Freight[]): PipelineWarehouse {
  const own = freight.filter((item) => item.origin?.kind === 'Warehouse' && item.origin.name === name);
  // The same order as `promote --warehouse`, so Freight discovered in the same second is no tie.
  const [latest] = newestFirst(own);
  const node: PipelineWarehouse = { kind: 'Warehouse', name, layer: 0, missing, freightCount: own.length };
  if (latest) node.latestFreight = withAlias({ name: latest.metadata.name ?? '' }, latest);
  return node;
}

interface ProjectView {
  freightByName: ReadonlyMap<string, Freight>;
  stagesByName: ReadonlyMap<string, Stage>;
  edges: PipelineEdge[];
  now: Date;
}

function describeStage(stage: Stage, layer: number, { freightByName, stagesByName, edges, now }: ProjectView): PipelineStage {
  const name = stage.metadata.name ?? '';
  const current = stage.status?.freightHistory?.[0];
  const freight: FreightOnStage[] = Object.entries(current?.items ?? {})
    .map(([origin, reference]) => withAlias({ origin, name: reference.name }, freightByName.get(reference.name)))
    .sort((a, b) => compareStrings(a.origin, b.origin));

  const node: PipelineStage = {
    kind: 'Stage',
    name,
    layer,
    missing: false,
    controlFlow: isControlFlow(stage),
    freight,
    soaks: soaksTowardsDownstream(
      name,
      freight.map((item) => freightByName.get(item.name)).filter((item): item is Freight => item !== undefined),
      edges.filter((edge) => edge.from.kind === 'Stage' && edge.from.name === name),
      stagesByName,
      now,
    ),
  };
  const health = stage.status?.health?.status;
  if (health) node.health = health;
  const verification = current?.verificationHistory?.[0]?.phase;
  if (verification) node.verification = verification;
  const currentPromotion = stage.status?.currentPromotion;
  if (currentPromotion) node.currentPromotion = describePromotion(currentPromotion, freightByName);
  const lastPromotion = stage.status?.lastPromotion;
  if (lastPromotion) node.lastPromotion = describePromotion(lastPromotion, freightByName);
  return node;
}

function describePromotion(
  promotion: NonNullable<NonNullable<Stage['status']>['lastPromotion']>,
  freightByName: ReadonlyMap<string, Freight>,
): PipelinePromotion {
  const described: PipelinePromotion = { name: promotion.name };
  const phase = promotion.status?.phase;
  if (phase) described.phase = phase;
  const freightName = promotion.freight?.name;
  if (freightName) described.freight = withAlias({ name: freightName }, freightByName.get(freightName));
  return described;
}

/** A Stage without promotion steps (kargo-semantics.md §1.5, `IsControlFlow`). */
function isControlFlow(stage: Stage): boolean {
  return (stage.spec.promotionTemplate?.spec?.steps ?? []).length === 0;
}

function withAlias<T extends { name: string }>(target: T, freight: Freight | undefined): T & { alias?: string } {
  const alias = freight ? freightAlias(freight) : undefined;
  return alias ? { ...target, alias } : target;
}

function sortByName<T extends { metadata: { name?: string } }>(items: T[]): T[] {
  return [...items].sort((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
}

/** Soak of the Stage's current freight towards each downstream Stage that requires one, as availability counts it. */
function soaksTowardsDownstream(
  stageName: string,
  current: Freight[],
  downstreamEdges: PipelineEdge[],
  stagesByName: ReadonlyMap<string, Stage>,
  now: Date,
): SoakProgress[] {
  const soaks: SoakProgress[] = [];
  for (const edge of downstreamEdges) {
    const downstream = stagesByName.get(edge.to);
    const freight = current.find((item) => item.origin && originKey(item.origin) === edge.origin);
    if (!edge.requiredSoakTime || !downstream || !freight) continue;
    const standing = explainAvailability(freight, downstream, { now, stagesByName }).upstreams.find((upstream) => upstream.stage === stageName);
    if (!standing || standing.soakRequiredMs === undefined) continue;
    soaks.push({
      downstream: edge.to,
      freight: withAlias({ name: freight.metadata.name ?? '' }, freight),
      requiredSoakTime: edge.requiredSoakTime,
      elapsedMs: standing.soakAchievedMs,
      requiredMs: standing.soakRequiredMs,
      verified: standing.verified,
      complete: standing.satisfied,
    });
  }
  return soaks;
}
