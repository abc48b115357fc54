// Argo Rollouts' analysis semantics for the embedded controller: reconcile an
// AnalysisRun (measure, assess, say when to come back) and write its status.

export { reconcileAnalysisRun, type AnalysisDeps, type AnalysisReconcileResult } from './reconcile.js';
export { driveAnalysisRun, writeAnalysisRunStatus, type DriveResult } from './write-status.js';
export { standardProviders, UNSUPPORTED_PROVIDER, type ProviderOptions } from './providers/index.js';
export type { MeasurementContext, MetricProviderDriver, ProviderFactory } from './providers/provider.js';
export { JOBS_NOT_ENABLED, NO_CONTAINER_RUNTIME } from './providers/job.js';
export { secretsFromKube, type SecretSource } from './secrets.js';
export { isCompleted, isWorse } from './phases.js';
export { evaluateConditions } from './conditions.js';
export { isTtlExceeded } from './ttl.js';
