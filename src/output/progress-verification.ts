// What a waiting user sees of a Stage's verification: where it stands, and per
// AnalysisRun metric its phase, the ✔ ✖ ? ⚠ counters and the last measured value.

import type { AnalysisRun, MetricResult } from '../model/kargo.js';
import type { VerificationSnapshot } from '../usecases/follow-verification.js';
import type { ProgressFrame } from './progress-view.js';

const PHASE_ICONS: Record<string, string> = {
  Successful: '✔',
  Failed: '✖',
  Error: '⚠',
  Inconclusive: '?',
  Running: '◌',
  Pending: '◷',
};

export function verificationFrame(snapshot: VerificationSnapshot): ProgressFrame {
  const stageName = snapshot.stage.metadata.name;
  const { standing } = snapshot;
  let headline: string;
  switch (standing.kind) {
    case 'waiting':
      headline = `Verification in Stage ${stageName}: ${standing.reason}`;
      break;
    case 'superseded':
      headline = `Verification in Stage ${stageName}: superseded${standing.byPromotion ? ` by promotion ${standing.byPromotion}` : ''}`;
      break;
    default: {
      const info = standing.verification;
      const run = info.analysisRun?.name ? ` (AnalysisRun ${info.analysisRun.name})` : '';
      headline = `Verification in Stage ${stageName}: ${info.phase || 'Pending'}${run}${info.message ? ` — ${info.message}` : ''}`;
      if (snapshot.awaitingVerifiedIn) headline += `; waiting for Kargo to mark Freight ${snapshot.awaitingVerifiedIn} verified in Stage ${stageName}`;
    }
  }
  return { headline, details: metricDetails(snapshot.analysisRun) };
}

function metricDetails(run: AnalysisRun | undefined): { key: string; text: string }[] {
  return (run?.status?.metricResults ?? []).map((metric) => ({ key: `metric-${metric.name}`, text: metricLine(metric) }));
}

function metricLine(metric: MetricResult): string {
  const counters = [
    `✔ ${metric.successful ?? 0}`,
    `✖ ${metric.failed ?? 0}`,
    ...(metric.inconclusive ? [`? ${metric.inconclusive}`] : []),
    `⚠ ${metric.error ?? 0}`,
  ].join(' ');
  const last = metric.measurements?.at(-1);
  const value = last?.value !== undefined ? `, last value ${last.value}` : '';
  const message = metric.message ? ` — ${metric.message}` : '';
  return `${PHASE_ICONS[metric.phase] ?? ' '} ${metric.name} ${metric.phase} (${counters}${value})${message}`;
}
