// Small builders for the Kargo objects the rules read. Times are relative to NOW.

import type { Freight, FreightRequest, FreightSources, FreightStatus, PromotionStep, Stage, StageSpec, StageStatus } from '../../../src/model/kargo.js';

export const NOW = new Date('2026-08-21T12:00:00Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** An RFC 3339 timestamp `ms` before NOW (second precision, as Kubernetes writes them). */
export function ago(ms: number): string {
  return new Date(NOW.getTime() - ms).toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

export function at(ms: number): Date {
  return new Date(NOW.getTime() + ms);
}

export function request(warehouse: string, sources: FreightSources): FreightRequest {
  return { origin: { kind: 'Warehouse', name: warehouse }, sources };
}

const DEFAULT_STEPS: PromotionStep[] = [{ uses: 'argocd-update', config: { apps: [{ name: 'guestbook' }] } }];

export function stage(
  name: string,
  requested: FreightRequest[],
  options: { namespace?: string; spec?: Partial<StageSpec>; status?: StageStatus; uid?: string; controlFlow?: boolean } = {},
): Stage {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Stage',
    metadata: { name, namespace: options.namespace ?? 'demo', uid: options.uid ?? `uid-${name}` },
    spec: {
      requestedFreight: requested,
      ...(options.controlFlow ? {} : { promotionTemplate: { spec: { steps: DEFAULT_STEPS } } }),
      ...options.spec,
    },
    ...(options.status ? { status: options.status } : {}),
  };
}

export function freight(
  name: string,
  options: {
    alias?: string;
    warehouse?: string;
    namespace?: string;
    status?: FreightStatus;
    discoveredAt?: string;
    images?: Freight['images'];
    commits?: Freight['commits'];
    labelAlias?: string;
  } = {},
): Freight {
  return {
    apiVersion: 'kargo.akuity.io/v1alpha1',
    kind: 'Freight',
    metadata: {
      name,
      namespace: options.namespace ?? 'demo',
      ...(options.labelAlias ? { labels: { 'kargo.akuity.io/alias': options.labelAlias } } : {}),
    },
    ...(options.alias ? { alias: options.alias } : {}),
    origin: { kind: 'Warehouse', name: options.warehouse ?? 'app' },
    ...(options.discoveredAt ? { discoveredAt: options.discoveredAt } : {}),
    ...(options.images ? { images: options.images } : {}),
    ...(options.commits ? { commits: options.commits } : {}),
    ...(options.status ? { status: options.status } : {}),
  };
}

/** A 40-hex Freight name built from a short seed, as Kargo's SHA-1 ids look. */
export function freightName(seed: string): string {
  return (seed + '0'.repeat(40)).slice(0, 40);
}
