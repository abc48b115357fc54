// The Stage table: current Freight by alias, health, the latest verification of
// that Freight, the last promotion's outcome and where Freight comes from.

import type { Stage } from '../../model/kargo.js';
import { age } from '../age.js';
import { readyCondition } from './basic-tables.js';
import { aliasOf, NONE, type TableContext, type TableData } from './table-context.js';

export function stageTable(stages: Stage[], context: TableContext): TableData {
  const header = ['NAME', 'CURRENT FREIGHT', 'HEALTH', 'READY', 'VERIFICATION', 'LAST PROMOTION', 'UPSTREAM', 'AGE'];
  if (context.wide) header.push('SHARD', 'STATUS');
  return {
    header,
    rows: stages.map((stage) => {
      const ready = readyCondition(stage.status?.conditions);
      const row = [
        stage.metadata.name ?? '',
        currentFreight(stage, context),
        stage.status?.health?.status ? context.style.state(stage.status.health.status) : NONE,
        context.style.state(ready?.status ?? 'Unknown'),
        verification(stage, context),
        lastPromotion(stage, context),
        upstream(stage),
        age(stage.metadata.creationTimestamp, context.now),
      ];
      if (context.wide) row.push(stage.spec.shard ?? '', ready?.message ?? '');
      return row;
    }),
  };
}

function currentFreight(stage: Stage, context: TableContext): string {
  const items = Object.values(stage.status?.freightHistory?.[0]?.items ?? {});
  // Kargo's own summary (e.g. "0/1 Fulfilled") says more than <none> when there is no freight yet.
  if (items.length === 0) return stage.status?.freightSummary || NONE;
  return items.map((reference) => aliasOf(reference.name, context)).join(',');
}

function verification(stage: Stage, context: TableContext): string {
  const latest = stage.status?.freightHistory?.[0]?.verificationHistory?.[0];
  if (latest) return context.style.state(latest.phase || 'Pending');
  if (!stage.spec.verification) return NONE;
  // Before any verification, Kargo's Verified condition says why (e.g. NoFreight).
  const verified = stage.status?.conditions?.find((condition) => condition.type === 'Verified');
  return verified?.reason || 'Pending';
}

function lastPromotion(stage: Stage, context: TableContext): string {
  const current = stage.status?.currentPromotion;
  if (current) return context.style.state(current.status?.phase || 'Running');
  const last = stage.status?.lastPromotion;
  return last ? context.style.state(last.status?.phase || 'Unknown') : NONE;
}

/** Upstream Stages, or the Warehouse itself for Freight taken directly from it. */
function upstream(stage: Stage): string {
  const sources = (stage.spec.requestedFreight ?? []).flatMap((request) => [
    ...(request.sources.direct ? [`${request.origin.kind}/${request.origin.name}`] : []),
    ...(request.sources.stages ?? []),
  ]);
  const unique = [...new Set(sources)];
  return unique.length > 0 ? unique.join(',') : NONE;
}
