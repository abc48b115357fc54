// Resolving a metric's `{{args.*}}` (ResolveMetricArgs): the whole metric is
// written as JSON in Go's field order, every tag is replaced by the arg's value
// escaped for a JSON string, and the text is read back.

import type { Argument, Metric } from '../model/analysis.js';
import { substituteTags } from './arg-template.js';

export type ResolvedMetrics = { ok: true; metrics: Metric[] } | { ok: false; message: string };

/** An arg's value once resolved; undefined for one that has none. */
export type ArgValues = ReadonlyMap<string, string | undefined>;

/** The placeholder Argo substitutes for secret args until a measurement is due. */
export const SECRET_PLACEHOLDER = 'temp-for-secret';

const GO_FIELD_ORDER = [
  'name',
  'interval',
  'initialDelay',
  'count',
  'successCondition',
  'failureCondition',
  'failureLimit',
  'inconclusiveLimit',
  'consecutiveErrorLimit',
  'provider',
  'consecutiveSuccessLimit',
];

/** Plain values, with secret args standing in as a placeholder (getResolvedMetricsWithoutSecrets). */
export function argValuesWithoutSecrets(args: readonly Argument[] | undefined): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (const arg of args ?? []) {
    values.set(arg.name, arg.valueFrom?.secretKeyRef ? SECRET_PLACEHOLDER : arg.value);
  }
  return values;
}

export function resolveMetrics(metrics: readonly Metric[], values: ArgValues): ResolvedMetrics {
  const resolved: Metric[] = [];
  for (const metric of metrics) {
    const result = resolveMetric(metric, values);
    if (!result.ok) return result;
    resolved.push(...result.metrics);
  }
  return { ok: true, metrics: resolved };
}

export function resolveMetric(metric: Metric, values: ArgValues): ResolvedMetrics {
  const tags = new Map<string, string>();
  for (const [name, value] of values) {
    if (value === undefined) return { ok: false, message: `argument "${name}" was not supplied` };
    tags.set(`args.${name}`, JSON.stringify(value).slice(1, -1));
  }
  const substituted = substituteTags(JSON.stringify(inGoOrder(metric)), tags);
  if (!substituted.ok) return substituted;
  try {
    return { ok: true, metrics: [JSON.parse(substituted.text) as Metric] };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function inGoOrder(metric: Metric): Record<string, unknown> {
  const source = metric as unknown as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of GO_FIELD_ORDER) if (source[key] !== undefined) ordered[key] = source[key];
  for (const [key, value] of Object.entries(source)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}
