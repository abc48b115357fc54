// Prints the result of `kargo get` in the format asked for: a table (plain or
// wide, with or without headers, with kubectl's -A PROJECT column and
// --show-labels LABELS column) or any other -o through printObjects.

import { resources, type ResourceType } from '../kube/resources.js';
import type { AnalysisRun, Freight, KubeObject, Project, Promotion, PromotionTask, Stage, Warehouse } from '../model/kargo.js';
import { printObjects } from './objects.js';
import type { OutputSpec } from './output-spec.js';
import type { OutputStream } from '../runtime/io.js';
import { tableChunks } from './table.js';
import { age } from './age.js';
import { analysisRunTable, projectTable, promotionTaskTable, warehouseTable } from './tables/basic-tables.js';
import { freightTable } from './tables/freight-table.js';
import { promotionTable } from './tables/promotion-table.js';
import { stageTable } from './tables/stage-table.js';
import { NONE, type TableContext, type TableData } from './tables/table-context.js';

export interface PrintOptions {
  spec: OutputSpec;
  headers: boolean;
  /** The user named exactly one object: structured output prints it bare. */
  single: boolean;
  /** -A: a PROJECT column first, as kubectl's NAMESPACE. */
  allProjects?: boolean;
  /** --show-labels: a LABELS column last. */
  showLabels?: boolean;
}

export function formatGetResult(type: ResourceType, items: KubeObject[], options: PrintOptions, context: TableContext): string {
  const chunks: string[] = [];
  writeGetResult({ write: (chunk: string) => chunks.push(chunk) > 0 }, type, items, options, context);
  return chunks.join('');
}

/** As formatGetResult, written to `out`: a table chunk by chunk, so a large one is never held whole. */
export function writeGetResult(out: OutputStream, type: ResourceType, items: KubeObject[], options: PrintOptions, context: TableContext): void {
  if (options.spec.kind !== 'table') {
    out.write(printObjects(items, options.spec, { type, single: options.single, headers: options.headers }));
    return;
  }
  writeGetTable(out, tableFor(type, items, context), items, options);
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
  const labels = Object.entries(object?.metadata.labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return labels.length > 0 ? labels.map(([key, value]) => `${key}=${value}`).join(',') : NONE;
}

function tableFor(type: ResourceType, items: KubeObject[], context: TableContext): TableData {
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
