// Conditions on a Warehouse's status as Kargo's conditions.Set does it
// (apimachinery's SetStatusCondition): the transition time moves only when
// the status does.

import type { Condition } from '../../model/kargo.js';
import type { WarehouseStatus } from './types.js';

export type NewCondition = Omit<Condition, 'lastTransitionTime'>;

export function setConditions(status: WarehouseStatus, now: string, ...conditions: NewCondition[]): void {
  for (const condition of conditions) {
    const list = status.conditions ?? [];
    const existing = list.find((candidate) => candidate.type === condition.type);
    const lastTransitionTime = existing && existing.status === condition.status ? (existing.lastTransitionTime ?? now) : now;
    // metav1.Condition's message is required (an empty string is fine).
    const next: Condition = { ...condition, message: condition.message ?? '', lastTransitionTime };
    status.conditions = existing ? list.map((candidate) => (candidate === existing ? next : candidate)) : [...list, next];
  }
}

export function deleteCondition(status: WarehouseStatus, type: string): void {
  if (status.conditions) status.conditions = status.conditions.filter((candidate) => candidate.type !== type);
}
