// Prints the result of `kargo get` in the format asked for: a table (plain or
// wide, with or without headers) or -o json|yaml|name.

import type { OutputFormat } from './formats.js';
import { resources, type ResourceType } from '../kube/resources.js';
import type { AnalysisRun, Freight, KubeObject, Project, Promotion, PromotionTask, Stage, Warehouse } from '../model/kargo.js';
import { formatObjects } from './objects.js';
import type { OutputStream } from '../runtime/io.js';
import { renderTable, tableChunks } from './table.js';
import { age } from './age.js';
import { analysisRunTable, projectTable, promotionTaskTable, warehouseTable } from './tables/basic-tables.js';
import { freightTable } from './tables/freight-table.js';
import { promotionTable } from './tables/promotion-table.js';
import { stageTable } from './tables/stage-table.js';
import type { TableContext, TableData } from './tables/table-context.js';

export interface PrintOptions {
  format: OutputFormat | undefined;
  headers: boolean;
  /** The user named exactly one object: structured output prints it bare. */
  single: boolean;
}

export function formatGetResult(type: ResourceType, items: KubeObject[], options: PrintOptions, context: TableContext): string {
  if (options.format && options.format !== 'wide') return formatObjects(items, options.format, type, options.single);
  // Like kubectl, an empty listing prints no header; the caller says "No … found" on stderr.
  if (items.length === 0) return '';
  const table = tableFor(type, items, context);
  return renderTable(table.header, table.rows, { headers: options.headers });
}

/** As formatGetResult, written to `out`: a table chunk by chunk, so a large one is never held whole. */
export function writeGetResult(out: OutputStream, type: ResourceType, items: KubeObject[], options: PrintOptions, context: TableContext): void {
  if ((options.format && options.format !== 'wide') || items.length === 0) {
    out.write(formatGetResult(type, items, options, context));
    return;
  }
  const table = tableFor(type, items, context);
  for (const chunk of tableChunks(table.header, table.rows, { headers: options.headers })) out.write(chunk);
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
