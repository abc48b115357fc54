// Kargo's syncFreight: every Freight of the Stage's current collection has
// `currentlyIn[stage] = {since}`; Freight that left the Stage loses it, and
// if it was verified there its `longestSoak` grows to this stay when longer
// (FreightStatus.RemoveCurrentStage). Also marks Freight verified in the Stage.

import type { KubeClient } from '../../kube/client.js';
import { resources } from '../../kube/resources.js';
import type { Freight, FreightCollection, FreightStatus } from '../../model/kargo.js';
import { formatGoDuration } from '../../engine/go-duration.js';
import { parseGoDuration } from '../../rules/duration.js';
import { writeStatus } from '../status-write.js';

export interface PresenceInput {
  client: KubeClient;
  /** The namespace's Freight (the controller's informer cache). */
  freight: Freight[];
  namespace: string;
  stage: string;
  current: FreightCollection | undefined;
  now: Date;
  timestamp: string;
}

export async function syncFreightPresence(input: PresenceInput): Promise<void> {
  const { client, namespace, stage } = input;
  const inStage = new Set(Object.values(input.current?.items ?? {}).map((reference) => reference.name));
  for (const freight of input.freight) {
    const name = freight.metadata.name ?? '';
    const recorded = freight.status?.currentlyIn?.[stage] !== undefined;
    if (recorded === inStage.has(name)) continue;
    await writeStatus<FreightStatus, Freight>(client, resources.freight, namespace, name, (latest) =>
      inStage.has(name) ? arrived(latest.status, stage, input.timestamp) : left(latest.status, stage, input.now),
    );
  }
}

export async function markVerified(client: KubeClient, namespace: string, stage: string, names: string[], verifiedAt: string): Promise<void> {
  for (const name of names) {
    await writeStatus<FreightStatus, Freight>(client, resources.freight, namespace, name, (latest) => {
      if (latest.status?.verifiedIn?.[stage]) return undefined;
      const status = structuredClone(latest.status ?? {});
      status.verifiedIn = { ...status.verifiedIn, [stage]: { verifiedAt } };
      return status;
    });
  }
}

function arrived(current: FreightStatus | undefined, stage: string, since: string): FreightStatus | undefined {
  if (current?.currentlyIn?.[stage]) return undefined;
  const status = structuredClone(current ?? {});
  status.currentlyIn = { ...status.currentlyIn, [stage]: { since } };
  return status;
}

function left(current: FreightStatus | undefined, stage: string, now: Date): FreightStatus | undefined {
  const record = current?.currentlyIn?.[stage];
  if (!record) return undefined;
  const status = structuredClone(current ?? {});
  const verified = status.verifiedIn?.[stage];
  if (record.since && verified && status.verifiedIn) {
    const stay = Math.max(0, now.getTime() - Date.parse(record.since));
    const longest = verified.longestSoak ? parseGoDuration(verified.longestSoak) : undefined;
    if (longest === undefined || stay > longest) status.verifiedIn[stage] = { ...verified, longestSoak: formatGoDuration(stay) };
  }
  const currentlyIn = { ...status.currentlyIn };
  delete currentlyIn[stage];
  // As Go's omitempty writes it: no Stage left means no field.
  if (Object.keys(currentlyIn).length > 0) status.currentlyIn = currentlyIn;
  else delete status.currentlyIn;
  return status;
}
