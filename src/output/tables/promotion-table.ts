// The Promotion table: which Stage, which Freight (by alias), the phase, and the
// step it is on (`3/6 git-push`).

import type { Promotion } from '../../model/kargo.js';
import { age } from '../age.js';
import { aliasOf, NONE, type TableContext, type TableData } from './table-context.js';
import { SHARD_LABEL } from '../../model/labels.js';

export function promotionTable(promotions: Promotion[], context: TableContext): TableData {
  const header = ['NAME', 'STAGE', 'FREIGHT', 'PHASE', 'STEP', 'AGE'];
  if (context.wide) header.push('SHARD', 'MESSAGE');
  return {
    header,
    rows: promotions.map((promotion) => {
      const row = [
        promotion.metadata.name ?? '',
        promotion.spec.stage,
        aliasOf(promotion.spec.freight, context),
        context.style.state(promotion.status?.phase || 'Pending'),
        step(promotion),
        age(promotion.metadata.creationTimestamp, context.now),
      ];
      if (context.wide) row.push(promotion.metadata.labels?.[SHARD_LABEL] ?? '', promotion.status?.message ?? '');
      return row;
    }),
  };
}

/** `3/6 git-push`: 1-based position of the current (or last run) step, and its alias or kind. */
export function step(promotion: Promotion): string {
  const steps = promotion.spec.steps ?? [];
  if (steps.length === 0) return NONE;
  const phase = promotion.status?.phase;
  if (!phase || phase === 'Pending') return `0/${steps.length}`;
  const index = Math.min(promotion.status?.currentStep ?? 0, steps.length - 1);
  const current = steps[index];
  const name = current?.as || current?.uses || current?.task?.name || '';
  const position = phase === 'Succeeded' ? steps.length : index + 1;
  return `${position}/${steps.length}${name && phase !== 'Succeeded' ? ` ${name}` : ''}`;
}
