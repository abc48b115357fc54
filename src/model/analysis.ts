// Argo Rollouts' analysis objects as the analysis layer (src/analysis/) reads
// and writes them. Field names follow ../shared/crds/argo-rollouts (v1.9.1)
// exactly. src/model/kargo.ts keeps the looser reading shapes the CLI prints.

import type { KubeObject } from './kargo.js';

export type AnalysisPhase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive';

/** Kubernetes IntOrString: a number, or a string read with Go's Atoi. */
export type IntOrString = number | string;

export interface NameValueHeader {
  key: string;
  value: string;
}

export interface OAuth2Config {
  tokenUrl?: string;
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
}

export interface MetricAuthentication {
  oauth2?: OAuth2Config;
  sigv4?: { region?: string; profile?: string; roleArn?: string };
}

export interface WebMetric {
  url: string;
  method?: string;
  headers?: NameValueHeader[];
  body?: string;
  jsonBody?: unknown;
  timeoutSeconds?: number;
  jsonPath?: string;
  insecure?: boolean;
  authentication?: MetricAuthentication;
}

export interface PrometheusRangeQuery {
  start?: string;
  end?: string;
  step?: string;
}

export interface PrometheusMetric {
  address?: string;
  query?: string;
  timeout?: number;
  insecure?: boolean;
  headers?: NameValueHeader[];
  rangeQuery?: PrometheusRangeQuery;
  authentication?: MetricAuthentication;
}

export interface JobMetric {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  /** A batch/v1 JobSpec. */
  spec: JobSpec;
}

export interface JobSpec {
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  template: { spec: { containers: JobContainer[]; restartPolicy?: string } & Record<string, unknown> } & Record<string, unknown>;
  [field: string]: unknown;
}

export interface JobContainer {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  workingDir?: string;
  [field: string]: unknown;
}

/** Exactly one provider is set; the unsupported ones are kept as opaque objects. */
export interface MetricProvider {
  prometheus?: PrometheusMetric;
  web?: WebMetric;
  job?: JobMetric;
  kayenta?: unknown;
  datadog?: unknown;
  wavefront?: unknown;
  newRelic?: unknown;
  cloudWatch?: unknown;
  graphite?: unknown;
  influxdb?: unknown;
  skywalking?: unknown;
  plugin?: Record<string, unknown>;
}

export interface Metric {
  name: string;
  interval?: string;
  initialDelay?: string;
  count?: IntOrString;
  successCondition?: string;
  failureCondition?: string;
  failureLimit?: IntOrString;
  inconclusiveLimit?: IntOrString;
  consecutiveErrorLimit?: IntOrString;
  consecutiveSuccessLimit?: IntOrString;
  provider: MetricProvider;
}

export interface SecretKeyRef {
  name: string;
  key: string;
}

export interface Argument {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: SecretKeyRef; fieldRef?: { fieldPath: string } };
}

export interface DryRun {
  metricName: string;
}

export interface MeasurementRetention {
  metricName: string;
  limit: number;
}

export interface TtlStrategy {
  secondsAfterCompletion?: number;
  secondsAfterFailure?: number;
  secondsAfterSuccess?: number;
}

export interface AnalysisRunSpec {
  metrics: Metric[];
  args?: Argument[];
  terminate?: boolean;
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
  ttlStrategy?: TtlStrategy;
}

export interface Measurement {
  phase: AnalysisPhase;
  message?: string;
  startedAt?: string;
  finishedAt?: string;
  value?: string;
  metadata?: Record<string, string>;
  resumeAt?: string;
}

export interface MetricResult {
  name: string;
  phase: AnalysisPhase;
  measurements?: Measurement[];
  message?: string;
  count?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  error?: number;
  consecutiveError?: number;
  consecutiveSuccess?: number;
  dryRun?: boolean;
  metadata?: Record<string, string>;
}

export interface RunSummary {
  count?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  error?: number;
}

export interface AnalysisRunStatus {
  /** `""` until the first reconcile. */
  phase: AnalysisPhase | '';
  message?: string;
  metricResults?: MetricResult[];
  startedAt?: string;
  completedAt?: string;
  runSummary?: RunSummary;
  dryRunSummary?: RunSummary;
}

export interface AnalysisRun extends KubeObject {
  spec: AnalysisRunSpec;
  status?: AnalysisRunStatus;
}

export interface AnalysisTemplateSpec {
  metrics: Metric[];
  args?: Argument[];
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
  templates?: { templateName: string; clusterScope?: boolean }[];
}

export interface AnalysisTemplate extends KubeObject {
  spec: AnalysisTemplateSpec;
}
