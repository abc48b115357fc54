// ttlStrategy: a completed run is deleted this many seconds after completedAt
// (isAnalysisRunTtlExceeded in analysis/analysis.go). Kargo never sets it.

import type { AnalysisRun } from '../model/analysis.js';
import { isCompleted } from './phases.js';
import { parseKubeTime } from './time-format.js';

export function isTtlExceeded(run: AnalysisRun, now: Date): boolean {
  const ttl = run.spec.ttlStrategy;
  const phase = run.status?.phase;
  if (!ttl || !isCompleted(phase)) return false;
  const completedAt = parseKubeTime(run.status?.completedAt);
  if (!completedAt) return false;
  let seconds: number | undefined;
  if (phase === 'Successful' && ttl.secondsAfterSuccess !== undefined) seconds = ttl.secondsAfterSuccess;
  else if (phase === 'Failed' && ttl.secondsAfterFailure !== undefined) seconds = ttl.secondsAfterFailure;
  else seconds = ttl.secondsAfterCompletion;
  if (seconds === undefined) return false;
  return Math.trunc((now.getTime() - completedAt.getTime()) / 1000) > seconds;
}
