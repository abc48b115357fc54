// The Stage's health as Kargo's assessHealth decides it, for what this slice
// can assess: a Promotion in progress, no Promotion yet, a last Promotion
// that did not succeed, and a successful one that registered no health
// checks (Healthy). No health checker (argocd-update) is registered yet: a
// Stage with checks is Unknown, as Kargo words a missing checker. Pure.

import type { Stage, StageStatus } from '../../model/kargo.js';
import { setCondition } from './conditions.js';

export function assessHealth(stage: Stage, status: StageStatus, now: string): void {
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
  const checks = last.status?.healthChecks ?? [];
  if (checks.length > 0) {
    // No checker is registered here yet: Kargo's aggregating checker then says so per check.
    status.health = {
      status: 'Unknown',
      issues: checks.map((check) => `no health checker registered for health check kind ${JSON.stringify(check.uses ?? '')}`),
    };
    setCondition(status, { type: 'Healthy', status: 'Unknown', reason: 'Unknown', ...observed }, now);
    return;
  }
  status.health = { status: 'Healthy' };
  setCondition(status, { type: 'Healthy', status: 'True', reason: 'Healthy', message: 'Stage is healthy (performed 0 health checks)', ...observed }, now);
}
