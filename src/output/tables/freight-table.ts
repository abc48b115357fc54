// The Freight table: where each piece of Freight is, where it was verified and
// approved; `-o wide` adds its artifacts. With `--stage`, whether it may be
// promoted there and why, in the availability rules' own words.

import type { Freight } from '../../model/kargo.js';
import { effectiveDiscoveredAt, freightAlias } from '../../rules/freight-lookup.js';
import { age } from '../age.js';
import { NONE, type TableContext, type TableData } from './table-context.js';

export interface FreightAvailabilityRow {
  freight: Freight;
  available: boolean;
  reason: string;
}

export function freightTable(freight: Freight[], context: TableContext): TableData {
  const header = ['NAME', 'ALIAS', 'ORIGIN', 'CURRENTLY IN', 'VERIFIED IN', 'APPROVED FOR', 'AGE'];
  if (context.wide) header.push('ARTIFACTS');
  return {
    header,
    rows: freight.map((item) => {
      const row = [
        item.metadata.name ?? '',
        freightAlias(item) ?? NONE,
        origin(item),
        stageList(item.status?.currentlyIn),
        stageList(item.status?.verifiedIn),
        stageList(item.status?.approvedFor),
        age(effectiveDiscoveredAt(item), context.now),
      ];
      if (context.wide) row.push(artifacts(item));
      return row;
    }),
  };
}

export function freightAvailabilityTable(rows: FreightAvailabilityRow[], context: TableContext): TableData {
  const header = ['NAME', 'ALIAS', 'ORIGIN', 'AVAILABLE', 'REASON', 'AGE'];
  if (context.wide) header.push('ARTIFACTS');
  return {
    header,
    rows: rows.map(({ freight, available, reason }) => {
      const row = [
        freight.metadata.name ?? '',
        freightAlias(freight) ?? NONE,
        origin(freight),
        available ? context.style.good('yes') : context.style.bad('no'),
        reason,
        age(effectiveDiscoveredAt(freight), context.now),
      ];
      if (context.wide) row.push(artifacts(freight));
      return row;
    }),
  };
}

function origin(freight: Freight): string {
  return freight.origin ? `${freight.origin.kind}/${freight.origin.name}` : NONE;
}

function stageList(map: Record<string, unknown> | undefined): string {
  const stages = Object.keys(map ?? {}).sort();
  return stages.length > 0 ? stages.join(',') : NONE;
}

/** `repo:tag`, short commit SHAs and `chart:version`, comma-separated. */
export function artifacts(freight: Freight): string {
  const parts = [
    ...(freight.images ?? []).map((image) => `${image.repoURL ?? '?'}${image.tag ? `:${image.tag}` : image.digest ? `@${image.digest}` : ''}`),
    ...(freight.commits ?? []).map((commit) => `${commit.repoURL ?? '?'}@${(commit.id ?? commit.tag ?? '').slice(0, 7)}`),
    ...(freight.charts ?? []).map((chart) => `${chart.repoURL ?? '?'}${chart.name ? `/${chart.name}` : ''}:${chart.version ?? '?'}`),
  ];
  return parts.length > 0 ? parts.join(',') : NONE;
}
