// Prints the result of `kargo get` in the format asked for: a table (get-table.ts,
// loaded only for tables) or any other -o through printObjects.

import { resources, type ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';
import type { OutputStream } from '../runtime/io.js';
import type { FreightAvailability } from '../usecases/freight-availability.js';
import { freightWithAvailability } from './freight-decision.js';
import { printObjects } from './objects.js';
import type { OutputSpec } from './output-spec.js';
import type { TableContext } from './tables/table-context.js';

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

export async function formatGetResult(type: ResourceType, items: KubeObject[], options: PrintOptions, context: TableContext): Promise<string> {
  const chunks: string[] = [];
  await writeGetResult({ write: (chunk: string) => chunks.push(chunk) > 0 }, type, items, options, context);
  return chunks.join('');
}

/** As formatGetResult, written to `out`: a table chunk by chunk, so a large one is never held whole. */
export async function writeGetResult(out: OutputStream, type: ResourceType, items: KubeObject[], options: PrintOptions, context: TableContext): Promise<void> {
  if (options.spec.kind !== 'table') {
    out.write(await printObjects(items, options.spec, { type, single: options.single, headers: options.headers }));
    return;
  }
  const { tableFor, writeGetTable } = await import('./get-table.js');
  writeGetTable(out, tableFor(type, items, context), items, options);
}

/** `get freight --stage S`: whether each Freight may be promoted there, as the table or as the Freight carrying the decision. */
export async function writeFreightAvailability(out: OutputStream, rows: FreightAvailability[], options: PrintOptions, context: TableContext): Promise<void> {
  const freight = rows.map((row) => row.freight);
  if (options.spec.kind !== 'table') {
    const withDecisions = rows.map(freightWithAvailability);
    out.write(await printObjects(withDecisions, options.spec, { type: resources.freight, single: options.single, headers: options.headers }));
    return;
  }
  const [{ writeGetTable }, { freightAvailabilityTable }] = await Promise.all([import('./get-table.js'), import('./tables/freight-table.js')]);
  writeGetTable(out, freightAvailabilityTable(rows, context), freight, options);
}
