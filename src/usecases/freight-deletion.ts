// The check Kargo's Freight webhook makes before a Freight is deleted, made here
// too so a cluster without that webhook (the sandbox) refuses the same way: one
// LIST of the project's Stages, however many Freight are named.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Stage } from '../model/kargo.js';
import { stagesUsingFreight } from '../rules/freight-in-use.js';
import { Failure } from '../runtime/failure.js';

export interface FreightToDelete {
  project: string;
  name: string;
  /** How the user named it (an alias), when not by name. */
  label?: string;
}

/** Throws a refusal naming every Freight still in use, and the Stages holding each. */
export async function refuseFreightInUse(client: KubeClient, freight: FreightToDelete[]): Promise<void> {
  const problems: string[] = [];
  for (const project of new Set(freight.map((item) => item.project))) {
    const stages = (await client.list<Stage>(resources.stage, project)).items;
    for (const item of freight.filter((candidate) => candidate.project === project)) {
      const using = stagesUsingFreight(stages, item.name);
      if (using.length === 0) continue;
      const named = item.label && item.label !== item.name ? `"${item.label}" (${item.name})` : `"${item.name}"`;
      problems.push(
        `Freight ${named} is in use by Stage${using.length > 1 ? 's' : ''} ${using.map((stage) => `"${stage}"`).join(', ')} in project "${project}"`,
      );
    }
  }
  if (problems.length === 0) return;
  const hint = 'Freight a Stage currently holds cannot be deleted; promote other Freight to those Stages first. Nothing was deleted.';
  if (problems.length === 1) throw new Failure('refused', `${problems[0]}; it cannot be deleted`, hint);
  throw new Failure('refused', `${problems.length} Freight are in use and cannot be deleted:`, [...problems.map((problem) => `  ${problem}`), hint].join('\n'));
}
