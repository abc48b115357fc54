// Re-running or aborting the verification of a Stage's current freight: an
// annotation carrying the current VerificationInfo id, which Kargo's controller
// acts on (kargo-semantics.md §4.2, §4.3). The rules decide what the controller
// would ignore; that is refused here before anything is written.

import type { KubeClient } from '../kube/client.js';
import { resources } from '../kube/resources.js';
import type { Stage, VerificationInfo } from '../model/kargo.js';
import { verificationRefusalWords } from '../explain/verification.js';
import { decideAbortVerification, decideReverify } from '../rules/verification.js';
import { getStage } from './lookups.js';
import { fail } from '../runtime/failure.js';
import { sentence } from './wording.js';

export type VerifyAction = 'reverify' | 'abort';

export type VerifyResult = { kind: 'requested' | 'already-finished'; stage: Stage; verification: VerificationInfo; collectionId: string };

export async function requestVerification(client: KubeClient, project: string, stageName: string, action: VerifyAction): Promise<VerifyResult> {
  const stage = await getStage(client, project, stageName);
  const decision = action === 'abort' ? decideAbortVerification(stage) : decideReverify(stage);
  const collectionId = stage.status?.freightHistory?.[0]?.id ?? '';
  if (!decision.allowed) {
    if (decision.reason === 'already-finished' && decision.latest) {
      return { kind: 'already-finished', stage, verification: decision.latest, collectionId };
    }
    fail('refused', `${sentence(verificationRefusalWords(decision))}${nextStep(decision.reason, stageName, project)}`);
  }
  const patch = { metadata: { annotations: { [decision.annotation]: decision.value } } };
  const patched = await client.patch<Stage>(resources.stage, stageName, patch, project);
  return { kind: 'requested', stage: patched, verification: decision.latest, collectionId };
}

function nextStep(reason: string, stage: string, project: string): string {
  switch (reason) {
    case 'no-current-freight':
      return ` For example: kargo promote -p ${project} --stage ${stage} --freight NAME_OR_ALIAS`;
    case 'no-verification':
      return ` Check the Stage's health with: kargo get stages ${stage} -p ${project}`;
    default:
      return '';
  }
}
