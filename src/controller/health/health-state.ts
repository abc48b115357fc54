// Kargo's HealthState.Merge: of two states the worse one, in the order
// Healthy < NotApplicable < Progressing < Unknown < Unhealthy.

import type { HealthState } from '../../model/kargo.js';

const ORDER: Record<HealthState, number> = { Healthy: 0, NotApplicable: 1, Progressing: 2, Unknown: 3, Unhealthy: 4 };

export function mergeHealth(current: HealthState, other: HealthState): HealthState {
  return ORDER[current] > ORDER[other] ? current : other;
}
