// Tables of the kinds with few columns: Projects, Warehouses, (Cluster)PromotionTasks
// and AnalysisRuns. Columns follow Kargo's own CLI where it has the kind.

import type { AnalysisRun, Condition, Project, PromotionTask, Warehouse } from '../../model/kargo.js';
import { age } from '../age.js';
import { NONE, type TableContext, type TableData } from './table-context.js';
import { STAGE_ANNOTATION } from '../../model/annotations.js';
import { STAGE_LABEL } from '../../model/labels.js';

// Annotation with the full Stage name; the label of the same key may be shortened.

export function projectTable(projects: Project[], context: TableContext): TableData {
  return {
    header: ['NAME', 'READY', 'STATUS', 'AGE'],
    rows: projects.map((project) => {
      const ready = readyCondition(project.status?.conditions);
      return [
        project.metadata.name ?? '',
        context.style.state(ready?.status ?? 'Unknown'),
        ready?.message ?? '',
        age(project.metadata.creationTimestamp, context.now),
      ];
    }),
  };
}

export function warehouseTable(warehouses: Warehouse[], context: TableContext): TableData {
  const header = ['NAME', 'SHARD', 'AGE'];
  if (context.wide) header.push('INTERVAL', 'LAST FREIGHT', 'READY');
  return {
    header,
    rows: warehouses.map((warehouse) => {
      const row = [warehouse.metadata.name ?? '', warehouse.spec.shard ?? '', age(warehouse.metadata.creationTimestamp, context.now)];
      if (context.wide) {
        const lastFreight = warehouse.status?.lastFreightID;
        row.push(
          warehouse.spec.interval ?? '',
          lastFreight ? (context.freightAliases.get(lastFreight) ?? lastFreight.slice(0, 7)) : NONE,
          context.style.state(readyCondition(warehouse.status?.conditions)?.status ?? 'Unknown'),
        );
      }
      return row;
    }),
  };
}

export function promotionTaskTable(tasks: PromotionTask[], context: TableContext): TableData {
  const header = ['NAME', 'STEPS', 'AGE'];
  if (context.wide) header.push('USES');
  return {
    header,
    rows: tasks.map((task) => {
      const steps = task.spec.steps ?? [];
      const row = [task.metadata.name ?? '', String(steps.length), age(task.metadata.creationTimestamp, context.now)];
      if (context.wide) row.push(steps.map((step) => step.uses ?? step.task?.name ?? '?').join(',') || NONE);
      return row;
    }),
  };
}

export function analysisRunTable(runs: AnalysisRun[], context: TableContext): TableData {
  const header = ['NAME', 'STAGE', 'PHASE', 'AGE'];
  if (context.wide) header.push('METRICS', 'MESSAGE');
  return {
    header,
    rows: runs.map((run) => {
      const row = [
        run.metadata.name ?? '',
        run.metadata.annotations?.[STAGE_ANNOTATION] ?? run.metadata.labels?.[STAGE_LABEL] ?? NONE,
        context.style.state(run.status?.phase || 'Pending'),
        age(run.metadata.creationTimestamp, context.now),
      ];
      if (context.wide) {
        const metrics = (run.status?.metricResults ?? []).map((metric) => `${metric.name}=${metric.phase}`).join(',');
        row.push(metrics || NONE, run.status?.message ?? '');
      }
      return row;
    }),
  };
}

export function readyCondition(conditions: Condition[] | undefined): Condition | undefined {
  return conditions?.find((condition) => condition.type === 'Ready');
}
