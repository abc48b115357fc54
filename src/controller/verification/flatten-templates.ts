// Several AnalysisTemplates made into one AnalysisRun spec, as Kargo's
// pkg/rollouts/analysis_template.go does: metrics, dry-run and retention
// entries concatenated (a name twice is an error), args combined by name
// (two different values conflict); then the Stage's evaluated args are
// merged over the templates' and every arg must end up with a value.
// Pure; failures throw with Kargo's words.

import type { AnalysisTemplateSpec, Argument, DryRun, MeasurementRetention, Metric } from '../../model/analysis.js';

export interface FlatTemplate {
  metrics: Metric[];
  dryRun: DryRun[];
  measurementRetention: MeasurementRetention[];
  args: Argument[];
}

export function flattenTemplates(specs: readonly AnalysisTemplateSpec[]): FlatTemplate {
  const metrics = specs.flatMap((spec) => spec.metrics ?? []);
  const metric = firstDuplicate(metrics.map((entry) => entry.name));
  if (metric !== undefined) throw new Error(`flatten metrics: duplicate metric name: ${JSON.stringify(metric)}`);
  const dryRun = specs.flatMap((spec) => spec.dryRun ?? []);
  const dry = firstDuplicate(dryRun.map((entry) => entry.metricName));
  if (dry !== undefined) throw new Error(`flatten dry-run metrics: validate dry-run metrics: duplicate dry-run metric name: ${JSON.stringify(dry)}`);
  const measurementRetention = specs.flatMap((spec) => spec.measurementRetention ?? []);
  const kept = firstDuplicate(measurementRetention.map((entry) => entry.metricName));
  if (kept !== undefined) {
    throw new Error(
      `flatten measurement retention metrics: validate measurement retention metrics: duplicate measurement retention metric name: ${JSON.stringify(kept)}`,
    );
  }
  return { metrics, dryRun, measurementRetention, args: combineArgs(specs) };
}

/** The Stage's args (already evaluated) over the templates' args; only names the templates declare count. */
export function mergeArgs(incoming: readonly Argument[], templateArgs: readonly Argument[]): Argument[] {
  const merged = templateArgs.map((arg) => ({ ...arg }));
  for (const arg of incoming) {
    const target = merged.find((candidate) => candidate.name === arg.name);
    if (!target) continue;
    if (arg.value !== undefined) target.value = arg.value;
    else if (arg.valueFrom !== undefined) target.valueFrom = arg.valueFrom;
  }
  const unresolved = merged.find((arg) => arg.value === undefined && arg.valueFrom === undefined);
  if (unresolved) {
    throw new Error(`validate merged arguments: unresolved argument ${JSON.stringify(unresolved.name)}: neither Value nor ValueFrom is set`);
  }
  return merged;
}

function combineArgs(specs: readonly AnalysisTemplateSpec[]): Argument[] {
  const combined: Argument[] = [];
  for (const arg of specs.flatMap((spec) => spec.args ?? [])) {
    const existing = combined.find((candidate) => candidate.name === arg.name);
    if (!existing) {
      combined.push({ ...arg });
      continue;
    }
    if (existing.value !== undefined && arg.value !== undefined && existing.value !== arg.value) {
      throw new Error(
        `flatten arguments: conflicting values for argument ${JSON.stringify(arg.name)}: ${JSON.stringify(existing.value)} and ${JSON.stringify(arg.value)}`,
      );
    }
    if (existing.value === undefined && arg.value !== undefined) existing.value = arg.value;
  }
  return combined;
}

function firstDuplicate(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
