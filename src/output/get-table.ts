// The tables of `kargo get`: one row per object, with kubectl's -A PROJECT column
// and --show-labels LABELS column. Loaded only when a table is printed.

import { resources, type ResourceType } from '../kube/resources.js';
import type { AnalysisRun, Freight, KubeObject, Project, Promotion, PromotionTask, Stage, Warehouse } from '../model/kargo.js';
import { compareStrings } from '../runtime/compare-strings.js';
import type { OutputStream } from '../runtime/io.js';
import { age } from './age.js';
import type { PrintOptions } from './get-printer.js';
import { tableChunks } from './table.js';
import { analysisRunTable, projectTable, promotionTaskTable, warehouseTable } from './tables/basic-tables.js';
import { freightTable } from './tables/freight-table.js';
import { promotionTable } from './tables/promotion-table.js';
import { stageTable } from './tables/stage-table.js';
import { NONE, type TableContext, type TableData } from './tables/table-context.js';

/** The table of `kargo get KIND` for `items`, whole. */
export function formatGetTable(type: ResourceType, items: KubeObject[], options: PrintOptions, context: TableContext): string {
  const chunks: string[] = [];
  writeGetTable({ write: (chunk: string) => chunks.push(chunk) > 0 }, tableFor(type, items, context), items, options);
  return chunks.join('');
}

/** A table of `items` (one row each, in order) with the columns -A and --show-labels add. */
export function writeGetTable(out: OutputStream, table: TableData, items: KubeObject[], options: PrintOptions): void {
  // Like kubectl, an empty listing prints no header; the caller says "No … found" on stderr.
  if (items.length === 0) return;
  let { header, rows } = table;
  if (options.allProjects) {
    header = ['PROJECT', ...header];
    rows = rows.map((row, index) => [items[index]?.metadata.namespace ?? '', ...row]);
  }
  if (options.showLabels) {
    header = [...header, 'LABELS'];
    rows = rows.map((row, index) => [...row, labelsOf(items[index])]);
  }
  for (const chunk of tableChunks(header, rows, { headers: options.headers })) out.write(chunk);
}

/** kubectl's labels column: key=value sorted by key, comma-separated. */
function labelsOf(object: KubeObject | undefined): string {
  const labels = Object.entries(object?.metadata.labels ?? {}).sort(([a], [b]) => compareStrings(a, b));
  return labels.length > 0 ? labels.map(([key, value]) => `${key}=${value}`).join(',') : NONE;
}

export function tableFor(type: ResourceType, items: KubeObject[], context: TableContext): TableData {
  switch (type) {
    case resources.project:
      return projectTable(items as Project[], context);
    case resources.warehouse:
      return warehouseTable(items as Warehouse[], context);
    case resources.freight:
      return freightTable(items as Freight[], context);
    case resources.stage:
      return stageTable(items as Stage[], context);
    case resources.promotion:
      return promotionTable(items as Promotion[], context);
    case resources.promotionTask:
    case resources.clusterPromotionTask:
      return promotionTaskTable(items as PromotionTask[], context);
    case resources.analysisRun:
      return analysisRunTable(items as AnalysisRun[], context);
    default:
      return {
        header: ['NAME', 'AGE'],
        rows: items.map((item) => [item.metadata.name ?? '', age(item.metadata.creationTimestamp, context.now)]),
      };
  }
}
