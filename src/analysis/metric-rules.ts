// dryRun and measurementRetention rules: each metricName is a Go regular
// expression matched unanchored against every metric name, and a rule that
// matches nothing makes the spec invalid (GetDryRunMetrics,
// GetMeasurementRetentionMetrics in utils/analysis/helpers.go).

import type { DryRun, MeasurementRetention, Metric } from '../model/analysis.js';

export type RuleResult<T> = { ok: true; value: T } | { ok: false; message: string };

export function dryRunMetrics(rules: readonly DryRun[] | undefined, metrics: readonly Metric[]): RuleResult<Set<string>> {
  const names = new Set<string>();
  for (const [index, rule] of (rules ?? []).entries()) {
    const matched = metrics.filter((metric) => matchesGoRegexp(rule.metricName, metric.name));
    if (matched.length === 0) return { ok: false, message: `dryRun[${index}]: Rule didn't match any metric name(s)` };
    for (const metric of matched) names.add(metric.name);
  }
  return { ok: true, value: names };
}

/** The retention limit by metric name (the last matching rule wins). */
export function retentionLimits(rules: readonly MeasurementRetention[] | undefined, metrics: readonly Metric[]): RuleResult<Map<string, number>> {
  const limits = new Map<string, number>();
  for (const [index, rule] of (rules ?? []).entries()) {
    const matched = metrics.filter((metric) => matchesGoRegexp(rule.metricName, metric.name));
    if (matched.length === 0) return { ok: false, message: `measurementRetention[${index}]: Rule didn't match any metric name(s)` };
    for (const metric of matched) limits.set(metric.name, rule.limit);
  }
  return { ok: true, value: limits };
}

/** regexp.MatchString; an invalid pattern matches nothing, as Go's ignored error does. */
export function matchesGoRegexp(pattern: string, text: string): boolean {
  let source = pattern;
  let flags = '';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    flags = [...new Set(inline[1]?.replace('U', '') ?? '')].join('');
    source = source.slice(inline[0].length);
  }
  try {
    return new RegExp(source, `u${flags}`).test(text);
  } catch {
    return false;
  }
}
