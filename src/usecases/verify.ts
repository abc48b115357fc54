// Re-running or aborting the verification of a Stage's current freight: an
// annotation carrying the current VerificationInfo id, which Kargo's controller
// acts on (kargo-semantics.md §4.2, §4.3). Refuses what the controller would ignore.

import { ExitCode } from '../cli/exit-codes.js';
import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Stage, VerificationInfo } from '../model/kargo.js';
import { isTerminalVerificationPhase } from '../rules/verification-tracking.js';
import { fail } from './workflow-error.js';

export const REVERIFY_ANNOTATION = 'kargo.akuity.io/reverify';
export const ABORT_VERIFICATION_ANNOTATION = 'kargo.akuity.io/abort';

export type VerifyAction = 'reverify' | 'abort';

export type VerifyResult =
  | { kind: 'requested'; stage: Stage; verification: VerificationInfo; collectionId: string }
  | { kind: 'already-finished'; stage: Stage; verification: VerificationInfo; collectionId: string };

export async function requestVerification(client: KubeClient, project: string, stageName: string, action: VerifyAction): Promise<VerifyResult> {
  const stage = await getStage(client, project, stageName);
  const current = stage.status?.freightHistory?.[0];
  if (!current || Object.keys(current.items ?? {}).length === 0) {
    fail(ExitCode.Refused, `Stage "${stageName}" has no current freight, so there is nothing to verify. Promote freight to it first (\`kargo promote --stage ${stageName} --freight ...\`).`);
  }
  const latest = current.verificationHistory?.[0];
  if (!latest) {
    fail(
      ExitCode.Refused,
      `Stage "${stageName}" has not started verifying its current freight yet (Kargo waits for the Stage to be Healthy). Nothing to ${action === 'abort' ? 'abort' : 're-run'}; try again once \`kargo get stages ${stageName}\` shows a verification.`,
    );
  }
  if (!latest.id) fail(ExitCode.Refused, `The current verification of Stage "${stageName}" has no id, so Kargo cannot be asked to ${action === 'abort' ? 'abort' : 're-run'} it.`);
  const collectionId = current.id ?? '';
  const terminal = isTerminalVerificationPhase(latest.phase);
  if (action === 'abort' && terminal) return { kind: 'already-finished', stage, verification: latest, collectionId };
  if (action === 'reverify' && !terminal) {
    fail(
      ExitCode.Refused,
      `Stage "${stageName}" is still verifying its current freight (phase ${latest.phase || 'Pending'}); Kargo only re-runs a finished verification. Wait for it, or abort it with \`kargo verify stage ${stageName} --abort\`.`,
    );
  }
  const key = action === 'abort' ? ABORT_VERIFICATION_ANNOTATION : REVERIFY_ANNOTATION;
  const patched = await client.patch<Stage>(resources.stage, stageName, { metadata: { annotations: { [key]: JSON.stringify({ id: latest.id }) } } }, project);
  return { kind: 'requested', stage: patched, verification: latest, collectionId };
}

export async function getStage(client: KubeClient, project: string, name: string): Promise<Stage> {
  try {
    return await client.get<Stage>(resources.stage, name, project);
  } catch (error) {
    if (isNotFound(error)) {
      fail(ExitCode.NotFound, `Stage "${name}" not found in project "${project}". List the project's stages with \`kargo get stages -p ${project}\`.`);
    }
    throw error;
  }
}
