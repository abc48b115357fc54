// Small builders for the pipeline tests: Warehouses, Stages and Freight shaped
// like the objects Kargo stores, with only the fields a test cares about.

import type { Freight, FreightRequest, HealthState, Stage, VerificationPhase, Warehouse } from '../../../src/model/kargo.js';

export function warehouse(name: string): Warehouse {
  return { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Warehouse', metadata: { name, namespace: 'demo' }, spec: { interval: '5m0s', subscriptions: [] } };
}

export function direct(warehouseName: string): FreightRequest {
  return { origin: { kind: 'Warehouse', name: warehouseName }, sources: { direct: true } };
}

export function from(warehouseName: string, stages: string[], extra: Partial<FreightRequest['sources']> = {}): FreightRequest {
  return { origin: { kind: 'Warehouse', name: warehouseName }, sources: { stages, ...extra } };
}

export interface StageState {
  freight?: Record<string, string>;
  health?: HealthState;
  verification?: VerificationPhase;
  promoting?: string;
  lastPromotionPhase?: 'Succeeded' | 'Failed' | 'Errored' | 'Aborted';
  controlFlow?: boolean;
}

/** `state.freight` maps a Warehouse name to the Freight name the Stage holds from it. */
export function stage(name: string, requests: FreightRequest[], state: StageState = {}): Stage {
  const result: Stage = {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: 'demo' },
    spec: { requestedFreight: requests },
  };
  if (!state.controlFlow) result.spec.promotionTemplate = { spec: { steps: [{ task: { name: 'deploy' } }] } };
  const items = Object.fromEntries(
    Object.entries(state.freight ?? {}).map(([origin, freightName]) => [
      `Warehouse/${origin}`,
      { name: freightName, origin: { kind: 'Warehouse', name: origin } },
    ]),
  );
  result.status = {};
  if (state.freight) {
    result.status.freightHistory = [
      { id: `collection-of-${name}`, items, verificationHistory: state.verification ? [{ id: 'v1', phase: state.verification }] : [] },
    ];
  }
  if (state.health) result.status.health = { status: state.health };
  if (state.promoting) result.status.currentPromotion = { name: `${name}.promotion`, freight: { name: state.promoting } };
  if (state.lastPromotionPhase) result.status.lastPromotion = { name: `${name}.last`, status: { phase: state.lastPromotionPhase } };
  return result;
}

export interface FreightState {
  currentlyIn?: Record<string, string>;
  verifiedIn?: Record<string, { verifiedAt: string; longestSoak?: string }>;
  approvedFor?: string[];
  discoveredAt?: string;
}

export function freight(name: string, alias: string, warehouseName: string, state: FreightState = {}): Freight {
  const result: Freight = {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Freight',
    metadata: { name, namespace: 'demo', labels: { 'kargo.akuity.io/alias': alias } },
    alias,
    origin: { kind: 'Warehouse', name: warehouseName },
    discoveredAt: state.discoveredAt ?? '2026-11-20T10:00:00Z',
    status: {},
  };
  const status = result.status as NonNullable<Freight['status']>;
  if (state.currentlyIn) status.currentlyIn = Object.fromEntries(Object.entries(state.currentlyIn).map(([stageName, since]) => [stageName, { since }]));
  if (state.verifiedIn) status.verifiedIn = state.verifiedIn;
  if (state.approvedFor) status.approvedFor = Object.fromEntries(state.approvedFor.map((stageName) => [stageName, { approvedAt: '2026-11-20T10:00:00Z' }]));
  return result;
}
