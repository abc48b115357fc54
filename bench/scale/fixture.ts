// The objects of the scale benchmark's project: a Warehouse's N Freight and a
// tree of Stages (stage-000 takes Freight from the Warehouse, every other Stage
// from its parent), with the status Kargo's controller would have written: each
// Stage holds the Freight of its depth (newest at the root), with the one before
// in its history; older Freight is verified along part of the tree, every third
// approved for one Stage. Deterministic, so runs compare.

import { createHash } from 'node:crypto';
import type { Freight, Stage } from '../../src/model/kargo.js';

export const PROJECT = 'my-web-app';
export const WAREHOUSE = 'app-images';
const ORIGIN = { kind: 'Warehouse' as const, name: WAREHOUSE };
const ORIGIN_KEY = `Warehouse/${WAREHOUSE}`;
const DISCOVERY_START = Date.parse('2026-01-01T00:00:00Z');
const MINUTE = 60_000;

export interface ScaleShape {
  freight: number;
  stages: number;
}

export function stageName(index: number): string {
  return `stage-${String(index).padStart(3, '0')}`;
}

export function freightName(index: number): string {
  return createHash('sha1').update(`scale-freight-${index}`).digest('hex');
}

export function freightAlias(index: number): string {
  return `scale-${index}`;
}

function parentOf(stage: number): number | undefined {
  return stage === 0 ? undefined : (stage - 1) >> 1;
}

export function depthOf(stage: number): number {
  let depth = 0;
  for (let current = parentOf(stage); current !== undefined; current = parentOf(current)) depth += 1;
  return depth;
}

/** The Stages from the root down to `stage`. */
function pathTo(stage: number): number[] {
  const path = [stage];
  for (let current = parentOf(stage); current !== undefined; current = parentOf(current)) path.unshift(current);
  return path;
}

function at(minutes: number): string {
  return new Date(DISCOVERY_START + minutes * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The Freight a Stage of this depth holds: the newest at the root, one older per level. */
function currentFreightIndex(shape: ScaleShape, depth: number): number {
  return Math.max(0, shape.freight - 1 - depth);
}

export function stageObject(shape: ScaleShape, index: number): Stage {
  const parent = parentOf(index);
  const depth = depthOf(index);
  const current = currentFreightIndex(shape, depth);
  const previous = Math.max(0, current - 1);
  const collection = (freight: number) => ({
    id: createHash('sha1').update(`${index}-${freight}`).digest('hex'),
    items: { [ORIGIN_KEY]: { name: freightName(freight), origin: ORIGIN } },
    verificationHistory: [{ id: `verification-${index}-${freight}`, phase: 'Successful' as const, startTime: at(freight + 1), finishTime: at(freight + 2) }],
  });
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name: stageName(index), namespace: PROJECT },
    spec: {
      requestedFreight: [{ origin: ORIGIN, sources: parent === undefined ? { direct: true } : { stages: [stageName(parent)] } }],
      promotionTemplate: { spec: { steps: [{ task: { name: 'promote-with-argocd' }, vars: [{ name: 'region', value: 'us' }] }] } },
    },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'Ready', message: 'Stage is ready', lastTransitionTime: at(current + 2), observedGeneration: 1 }],
      freightHistory: [collection(current), collection(previous)],
      health: { status: 'Healthy' },
      observedGeneration: 1,
      lastPromotion: {
        name: `${stageName(index)}.promotion.${freightName(current).slice(0, 7)}`,
        freight: { name: freightName(current), origin: ORIGIN },
        status: { phase: 'Succeeded', message: 'All steps completed' },
        finishedAt: at(current + 1),
      },
    },
  };
}

export function freightObject(shape: ScaleShape, index: number): Freight {
  const discovered = index;
  const verifiedIn: Record<string, { verifiedAt: string }> = {};
  const currentlyIn: Record<string, { since: string }> = {};
  const age = shape.freight - 1 - index;
  if (age <= depthOf(shape.stages - 1) + 1) {
    // Recent Freight: held by the Stages at the depth of its age (the one before
    // by those a level up), verified at every depth down to there, so each
    // Stage's previous Freight is still available to it for a rollback.
    for (let stage = 0; stage < shape.stages; stage++) {
      const depth = depthOf(stage);
      if (depth <= age) verifiedIn[stageName(stage)] = { verifiedAt: at(discovered + 5) };
      if (depth === age) currentlyIn[stageName(stage)] = { since: at(discovered + 1) };
    }
  } else {
    // Older Freight went part of the way: along the path to one Stage, up to four levels.
    for (const stage of pathTo(index % shape.stages).slice(0, Math.min(4, 1 + (age >> 1)))) verifiedIn[stageName(stage)] = { verifiedAt: at(discovered + 5) };
  }
  const status: NonNullable<Freight['status']> = { verifiedIn };
  if (Object.keys(currentlyIn).length > 0) status.currentlyIn = currentlyIn;
  if (index % 3 === 0) status.approvedFor = { [stageName((index * 7) % shape.stages)]: { approvedAt: at(discovered + 9) } };
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Freight',
    metadata: { name: freightName(index), namespace: PROJECT, labels: { 'kargo.akuity.io/alias': freightAlias(index) } },
    alias: freightAlias(index),
    origin: ORIGIN,
    discoveredAt: at(discovered),
    images: [
      {
        repoURL: 'ghcr.io/example-org/my-web-app',
        tag: `1.${Math.floor(index / 100)}.${index % 100}`,
        digest: `sha256:${createHash('sha256').update(String(index)).digest('hex')}`,
      },
    ],
    status,
  };
}
