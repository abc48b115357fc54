// Kargo's pkg/controller/freight/finder.go over a snapshot: with no origin
// given, the Warehouses of the Stage's freight requests decide which one can
// provide the artifact (two candidates is an error asking for an origin);
// the artifact is then looked up in the Promotion's freight from that origin.

import type { FreightOrigin, FreightReference, FreightRequest, Warehouse } from '../../../model/kargo.js';

export interface FinderData {
  project: string;
  freightRequests: readonly FreightRequest[];
  freight: readonly FreightReference[];
  warehouses: readonly Warehouse[];
}

/** One subscription of a Warehouse, by kind (`git`, `image`, `chart`, or a generic type). */
export interface Subscription {
  type: string;
  spec: Record<string, unknown>;
}

/**
 * The origin whose Warehouse subscribes to something `matches` accepts, or
 * undefined when none does. Throws `ambiguous()` when several do.
 */
export function originProviding(data: FinderData, matches: (subscription: Subscription) => boolean, ambiguous: () => string): FreightOrigin | undefined {
  let found: FreightOrigin | undefined;
  for (const request of data.freightRequests) {
    const warehouse = data.warehouses.find((candidate) => candidate.metadata.name === request.origin.name);
    if (!warehouse) throw new Error(`Warehouse ${JSON.stringify(request.origin.name)} not found in namespace ${JSON.stringify(data.project)}`);
    for (const subscription of subscriptionsOf(warehouse)) {
      if (!matches(subscription)) continue;
      if (found) throw new Error(ambiguous());
      found = request.origin;
    }
  }
  return found;
}

/** The freight references that came from `origin`. */
export function freightFrom(data: FinderData, origin: FreightOrigin): FreightReference[] {
  return data.freight.filter((ref) => ref.origin?.kind === origin.kind && ref.origin?.name === origin.name);
}

const SUBSCRIPTIONS = new WeakMap<Warehouse, Subscription[]>();

function subscriptionsOf(warehouse: Warehouse): Subscription[] {
  const cached = SUBSCRIPTIONS.get(warehouse);
  if (cached) return cached;
  const out: Subscription[] = [];
  for (const entry of warehouse.spec.subscriptions ?? []) {
    for (const [type, spec] of Object.entries(entry)) {
      if (typeof spec === 'object' && spec !== null) out.push({ type, spec: spec as Record<string, unknown> });
    }
  }
  SUBSCRIPTIONS.set(warehouse, out);
  return out;
}
