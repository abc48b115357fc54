// The Stages directly downstream of a Stage for one piece of Freight
// (kargo-semantics.md §3.2): those requesting the Freight's origin with the
// upstream Stage among their sources.

import type { FreightOrigin, Stage } from '../model/kargo.js';
import { compareStrings } from '../runtime/compare-strings.js';

export function downstreamStages(stages: Stage[], upstream: string, origin: FreightOrigin): Stage[] {
  return stages
    .filter((stage) =>
      (stage.spec.requestedFreight ?? []).some(
        (request) => request.origin.kind === origin.kind && request.origin.name === origin.name && (request.sources.stages ?? []).includes(upstream),
      ),
    )
    .sort((a, b) => compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''));
}
