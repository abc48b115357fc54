// Kargo's markFreightVerifiedForStage precondition: a Healthy Stage whose
// current collection's latest verification finished Successful marks that
// collection's Freight verified in the Stage, as of the verification's end.

import type { StageStatus } from '../../model/kargo.js';
import { isTerminalVerification } from '../../model/phases.js';

export function verifiedFreight(status: StageStatus): { names: string[]; verifiedAt: string } | undefined {
  if (status.health?.status !== 'Healthy') return undefined;
  const current = status.freightHistory?.[0];
  const history = current?.verificationHistory ?? [];
  if (!current || history.length === 0 || history.some((info) => !isTerminalVerification(info.phase))) return undefined;
  const latest = history[0];
  if (latest?.phase !== 'Successful' || !latest.finishTime) return undefined;
  return { names: Object.values(current.items ?? {}).map((reference) => reference.name), verifiedAt: latest.finishTime };
}
