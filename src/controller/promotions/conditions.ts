// Kubernetes-style conditions on a Stage's status (apimachinery's
// meta.SetStatusCondition): the transition time changes only with the status.

import type { Condition, StageStatus } from '../../model/kargo.js';

export function setCondition(status: StageStatus, condition: Omit<Condition, 'lastTransitionTime'>, now: string): void {
  const conditions = status.conditions ?? [];
  const existing = conditions.find((candidate) => candidate.type === condition.type);
  const lastTransitionTime = existing && existing.status === condition.status ? (existing.lastTransitionTime ?? now) : now;
  // metav1.Condition always carries a message (the CRD requires it), "" when there is nothing to say.
  const next: Condition = { ...condition, message: condition.message ?? '', lastTransitionTime };
  status.conditions = existing ? conditions.map((candidate) => (candidate === existing ? next : candidate)) : [...conditions, next];
}

export function deleteCondition(status: StageStatus, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((candidate) => candidate.type !== type);
}
