// The Stage's health as Kargo's assessHealth decides it: Unknown while a
// Promotion is in progress or after one that did not succeed, none without
// Freight, else what the health checks the last Promotion registered found
// (checked beforehand by ../health; zero checks is Healthy). Pure.

import type { HealthCheck } from '../health/aggregate.js';
import type { Stage, StageHealth, StageStatus } from '../../model/kargo.js';
import { setCondition } from './conditions.js';

/** The checks to run for this pass, or undefined when health is decided without them. */
export function healthChecksToRun(status: StageStatus): HealthCheck[] | undefined {
  if (status.currentPromotion || status.lastPromotion?.status?.phase !== 'Succeeded') return undefined;
  return status.lastPromotion.status.healthChecks ?? [];
}

export function assessHealth(stage: Stage, status: StageStatus, now: string, checked: StageHealth = { status: 'Healthy' }): void {
  const observed = stage.metadata.generation !== undefined ? { observedGeneration: stage.metadata.generation } : {};
  if (status.currentPromotion) {
    setCondition(status, { type: 'Healthy', status: 'Unknown', reason: 'ActivePromotion', message: 'Stage has a Promotion in progress', ...observed }, now);
    status.health = { status: 'Unknown', issues: ['Cannot assess health because a Promotion is currently in progress'] };
    return;
  }
  const last = status.lastPromotion;
  if (!last) {
    setCondition(status, { type: 'Healthy', status: 'Unknown', reason: 'NoFreight', message: 'Stage has no current Freight', ...observed }, now);
    delete status.health;
    return;
  }
  const phase = last.status?.phase ?? '';
  if (phase !== 'Succeeded') {
    const message = 'Cannot assess health because last Promotion did not succeed';
    setCondition(status, { type: 'Healthy', status: 'Unknown', reason: `LastPromotion${phase}`, message, ...observed }, now);
    status.health = { status: 'Unknown', issues: [message] };
    return;
  }
  const checks = last.status?.healthChecks?.length ?? 0;
  status.health = checked;
  const state = checked.status ?? 'Unknown';
  if (state === 'Healthy') {
    setCondition(status, { type: 'Healthy', status: 'True', reason: state, message: `Stage is healthy (performed ${checks} health checks)`, ...observed }, now);
  } else if (state === 'Unhealthy') {
    const message = `Stage is unhealthy (${checked.issues?.length ?? 0} issues in ${checks} health checks)`;
    setCondition(status, { type: 'Healthy', status: 'False', reason: state, message, ...observed }, now);
  } else {
    setCondition(status, { type: 'Healthy', status: 'Unknown', reason: state, ...observed }, now);
  }
}
