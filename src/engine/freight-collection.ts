// The Freight a Promotion carries in its status (Kargo's promotions
// reconciler): the target Freight's reference, and the collection the Stage
// will hold (for multi-origin Stages, the last Promotion's Freight for the
// other requested origins, then this one).

import { createHash } from 'node:crypto';
import { originKey, type Freight, type FreightCollection, type FreightReference, type Stage } from '../model/kargo.js';

export function freightReferenceOf(freight: Freight): FreightReference {
  const reference: FreightReference = { name: freight.metadata.name ?? '' };
  if (freight.origin) reference.origin = freight.origin;
  if (freight.commits) reference.commits = freight.commits;
  if (freight.images) reference.images = freight.images;
  if (freight.charts) reference.charts = freight.charts;
  if (freight.artifacts) reference.artifacts = freight.artifacts;
  return reference;
}

export function targetFreightCollection(target: FreightReference, stage: Stage): FreightCollection {
  const items: Record<string, FreightReference> = {};
  const requests = stage.spec.requestedFreight ?? [];
  const inherited = stage.status?.lastPromotion?.status?.freightCollection?.items;
  if (requests.length > 1 && inherited) {
    for (const request of requests) {
      const previous = inherited[originKey(request.origin)];
      if (previous) items[originKey(request.origin)] = previous;
    }
  }
  items[originKey(target.origin ?? { kind: '', name: '' })] = target;
  return { id: collectionId(items), items };
}

/** Kargo's FreightCollection ID: sha1 of the sorted Freight names joined by commas. */
function collectionId(items: Record<string, FreightReference>): string {
  const names = Object.values(items)
    .map((reference) => reference.name)
    .sort();
  return createHash('sha1').update(names.join(',')).digest('hex');
}

/** References ordered by origin key, as Kargo's FreightCollection.References(). */
export function collectionReferences(collection: FreightCollection): FreightReference[] {
  return Object.keys(collection.items ?? {})
    .sort()
    .map((key) => (collection.items as Record<string, FreightReference>)[key] as FreightReference);
}
