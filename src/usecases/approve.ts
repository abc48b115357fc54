// Approving Freight for a Stage (kargo-semantics.md §4.1): a merge patch of the
// Freight's status adding approvedFor[stage]. The cluster does not check the
// `promote` verb on this write; Kargo's API does, so we do too.

import type { Clock } from '../runtime/clock.js';
import type { KubeClient } from '../kube/client.js';
import { isConflict } from '../kube/errors.js';
import { KARGO_GROUP, resources } from '../kube/resources.js';
import { type Freight, originKey } from '../model/kargo.js';
import { promoteNeed, requirePermissions } from './permissions.js';
import { type FreightSelector, freightLabel, resolveFreight } from './resolve-freight.js';
import { getStage } from './lookups.js';
import { fail } from '../runtime/failure.js';

export type ApproveResult = { kind: 'approved' | 'already-approved'; freight: Freight; approvedAt: string };

export async function approveFreight(client: KubeClient, project: string, selector: FreightSelector, stageName: string, clock: Clock): Promise<ApproveResult> {
  const stage = await getStage(client, project, stageName);
  let freight = await resolveFreight(client, project, selector);
  await requirePermissions(client, [
    promoteNeed(project, stageName, `approve Freight for Stage "${stageName}"`),
    {
      verb: 'patch',
      group: KARGO_GROUP,
      resource: 'freights',
      subresource: 'status',
      name: freight.metadata.name!,
      namespace: project,
      purpose: `approve Freight for Stage "${stageName}"`,
    },
  ]);
  const origin = freight.origin;
  const requested = (stage.spec.requestedFreight ?? []).some((request) => origin && request.origin.kind === origin.kind && request.origin.name === origin.name);
  if (!origin || !requested) {
    const wanted = (stage.spec.requestedFreight ?? []).map((request) => originKey(request.origin)).join(', ') || 'nothing';
    fail(
      'refused',
      `Stage "${stageName}" does not request Freight from origin "${origin ? originKey(origin) : 'unknown'}" (it requests ${wanted}), so approving ${freightLabel(freight)} for it would have no effect.`,
    );
  }

  for (let attempt = 1; ; attempt++) {
    const existing = freight.status?.approvedFor?.[stageName];
    if (existing) return { kind: 'already-approved', freight, approvedAt: existing.approvedAt ?? '' };
    const approvedAt = rfc3339(clock.now());
    // The resourceVersion makes the merge patch conditional: a concurrent status write yields 409 and a fresh read.
    const patch = {
      metadata: { resourceVersion: freight.metadata.resourceVersion },
      status: { approvedFor: { [stageName]: { approvedAt } } },
    };
    try {
      const updated = await client.patch<Freight>(resources.freight, freight.metadata.name!, patch, project, { subresource: 'status' });
      return { kind: 'approved', freight: updated, approvedAt };
    } catch (error) {
      if (!isConflict(error) || attempt >= 5) throw error;
      freight = await client.get<Freight>(resources.freight, freight.metadata.name!, project);
    }
  }
}

function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
