// Building a finished measurement: Error with a message (the value is not
// kept), or a phase with the value.

import type { AnalysisPhase, Measurement } from '../../model/analysis.js';
import { formatKubeTime } from '../time-format.js';
import type { MeasurementContext } from './provider.js';

export function readyMeasurement(startedAt: string, context: Pick<MeasurementContext, 'clock'>) {
  const finishedAt = (): string => formatKubeTime(context.clock.now());
  return {
    error: (message: string): Measurement => ({ phase: 'Error', message, startedAt, finishedAt: finishedAt() }),
    finished: (phase: AnalysisPhase, value: string, metadata?: Record<string, string>): Measurement => ({
      phase,
      value,
      startedAt,
      finishedAt: finishedAt(),
      ...(metadata ? { metadata } : {}),
    }),
  };
}
