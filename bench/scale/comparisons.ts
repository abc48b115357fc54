// What the scale benchmark runs: each kargo command beside the kubectl command
// that fetches what it needs (or, for commands about one object, a single GET).

import type { Command } from '../support/measure.js';
import { depthOf, freightAlias, freightName, PROJECT, stageName, type ScaleShape } from './fixture.js';

// examples/10-warehouses.yaml has two.
const WAREHOUSES = 2;

export interface Comparison {
  subject: Command;
  baseline: Command;
}

export interface Tools {
  kargo: string;
  kubectl: string;
}

function lines(expected: number): (stdout: string) => string | undefined {
  return (stdout) => {
    const count = stdout.split('\n').length - 1;
    return count === expected ? undefined : `expected ${expected} lines, got ${count}: ${stdout.slice(0, 120)}`;
  };
}

function listOf(expected: number): (stdout: string) => string | undefined {
  return (stdout) => {
    try {
      const items = (JSON.parse(stdout) as { items?: unknown[] }).items;
      return items?.length === expected ? undefined : `expected a List of ${expected}, got ${items?.length ?? 'no'} items`;
    } catch {
      return `not JSON: ${stdout.slice(0, 120)}`;
    }
  };
}

function mentions(text: string): (stdout: string) => string | undefined {
  return (stdout) => (stdout.includes(text) ? undefined : `no "${text}" in: ${stdout.slice(0, 160)}`);
}

/** The comparisons at one size; the Stage they name is deep in the tree (stage-100, six levels down). */
export function comparisons(shape: ScaleShape, tools: Tools): Comparison[] {
  const kargo = (label: string, args: string[], check: Command['check']): Command => ({
    label: `kargo ${label}`,
    file: process.execPath,
    args: [tools.kargo, ...args, '-p', PROJECT],
    check,
  });
  const kubectl = (label: string, args: string[], check: Command['check']): Command => ({
    label: `kubectl ${label}`,
    file: tools.kubectl,
    args: [...args, '-n', PROJECT],
    check,
  });
  const stageIndex = Math.min(100, shape.stages - 1);
  const stage = stageName(stageIndex);
  // The Freight the Stage's parent holds now: verified there, so it may be promoted to `stage`.
  const promotable = shape.freight - depthOf(stageIndex);
  const middle = Math.floor(shape.freight / 2);
  const allFreight = kubectl('get freight -o json', ['get', 'freight', '-o', 'json'], listOf(shape.freight));
  const oneFreight = kubectl('get freight NAME -o json', ['get', 'freight', freightName(middle), '-o', 'json'], mentions(freightName(middle)));
  return [
    { subject: kargo('get freight', ['get', 'freight'], lines(shape.freight + 1)), baseline: allFreight },
    { subject: kargo('get freight -o json', ['get', 'freight', '-o', 'json'], listOf(shape.freight)), baseline: allFreight },
    { subject: kargo(`get freight --stage ${stage}`, ['get', 'freight', '--stage', stage], lines(shape.freight + 1)), baseline: allFreight },
    {
      subject: kargo('get stages -o json', ['get', 'stages', '-o', 'json'], listOf(shape.stages)),
      baseline: kubectl('get stages -o json', ['get', 'stages', '-o', 'json'], listOf(shape.stages)),
    },
    { subject: kargo('get stages', ['get', 'stages'], lines(shape.stages + 1)), baseline: kubectl('get stages', ['get', 'stages'], lines(shape.stages + 1)) },
    {
      subject: kargo('status -o json', ['status', '-o', 'json'], mentions(stage)),
      baseline: kubectl(
        'get warehouses,stages,freight -o json',
        ['get', 'warehouses,stages,freight', '-o', 'json'],
        listOf(shape.freight + shape.stages + WAREHOUSES),
      ),
    },
    {
      subject: kargo('get freight ALIAS -o json', ['get', 'freight', freightAlias(middle), '-o', 'json'], mentions(freightName(middle))),
      baseline: oneFreight,
    },
    {
      subject: kargo(
        `promote --dry-run --freight ALIAS --stage ${stage}`,
        ['promote', '--dry-run', '--freight', freightAlias(promotable), '--stage', stage, '-o', 'json'],
        mentions(freightName(promotable)),
      ),
      baseline: oneFreight,
    },
    {
      subject: kargo(`approve --freight ALIAS --stage ${stage}`, ['approve', '--freight', freightAlias(middle), '--stage', stage], undefined),
      baseline: oneFreight,
    },
    { subject: kargo(`rollback --dry-run --stage ${stage}`, ['rollback', '--dry-run', '--stage', stage], undefined), baseline: oneFreight },
  ];
}
