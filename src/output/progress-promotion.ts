// What a waiting user sees of a Promotion: its phase (and why it is still
// Pending), then one line per step from status.stepExecutionMetadata.

import type { Promotion, StepExecutionMetadata } from '../model/kargo.js';
import type { PromotionSnapshot } from '../usecases/follow-promotion.js';
import type { ProgressFrame } from './progress-view.js';

const STEP_ICONS: Record<string, string> = {
  Running: '◌',
  Succeeded: '✔',
  Failed: '✖',
  Errored: '⚠',
  Aborted: '■',
  Skipped: '↷',
};

export function promotionFrame(snapshot: PromotionSnapshot): ProgressFrame {
  const { promotion } = snapshot;
  const status = promotion.status ?? {};
  const phase = status.phase || 'Pending';
  const stepCount = promotion.spec.steps?.length ?? 0;
  let headline = `Promotion ${promotion.metadata.name} to Stage ${promotion.spec.stage}: ${phase}`;
  if (phase === 'Pending') headline += ` — ${snapshot.pendingReason ?? 'waiting for the Kargo controller to pick it up'}`;
  else if (phase === 'Running' && stepCount > 0) {
    const current = (status.currentStep ?? 0) + 1;
    headline += `, step ${current}/${stepCount} (${stepLabel(promotion, current - 1)})`;
  } else if (status.message) headline += ` — ${status.message}`;
  return { headline, details: (status.stepExecutionMetadata ?? []).map((step, index) => stepDetail(promotion, step, index)) };
}

function stepDetail(promotion: Promotion, step: StepExecutionMetadata, index: number): { key: string; text: string } {
  const state = step.status ?? 'Running';
  const icon = STEP_ICONS[state] ?? ' ';
  const duration = step.startedAt && step.finishedAt ? ` in ${seconds(step.startedAt, step.finishedAt)}` : '';
  const retries = step.errorCount ? ` (${step.errorCount} error${step.errorCount === 1 ? '' : 's'})` : '';
  const message = step.message ? `: ${step.message}` : '';
  return { key: `step-${index}`, text: `${icon} ${stepLabel(promotion, index)} ${state}${duration}${retries}${message}` };
}

function stepLabel(promotion: Promotion, index: number): string {
  const step = promotion.spec.steps?.[index];
  const alias = promotion.status?.stepExecutionMetadata?.[index]?.alias ?? step?.as ?? `step-${index + 1}`;
  return step?.uses && step.uses !== alias ? `${alias} [${step.uses}]` : alias;
}

function seconds(from: string, to: string): string {
  const elapsed = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  return `${elapsed}s`;
}
