// TypeScript shapes of the Kubernetes objects kargo reads and writes.
// Field names follow Kargo v1.11.2's CRDs (../shared/crds/kargo) and Argo Rollouts'
// (../shared/crds/argo-rollouts) exactly; only the fields kargo uses are typed,
// and every object keeps unknown fields when it is read and written back.

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** `{kind: "Warehouse", name}`; its string form `Warehouse/<name>` is the origin key. */
export interface FreightOrigin {
  kind: string;
  name: string;
}

// ---------------------------------------------------------------- Freight

export interface GitCommit {
  repoURL?: string;
  id?: string;
  branch?: string;
  tag?: string;
  message?: string;
  author?: string;
  committer?: string;
  subscriptionName?: string;
}

export interface Image {
  repoURL?: string;
  tag?: string;
  digest?: string;
  annotations?: Record<string, string>;
  subscriptionName?: string;
}

export interface Chart {
  repoURL?: string;
  name?: string;
  version?: string;
  subscriptionName?: string;
}

export interface GenericArtifact {
  artifactType?: string;
  subscriptionName?: string;
  version?: string;
  metadata?: Record<string, unknown>;
}

export interface FreightStatus {
  currentlyIn?: Record<string, { since?: string }>;
  verifiedIn?: Record<string, { verifiedAt?: string; longestSoak?: string }>;
  approvedFor?: Record<string, { approvedAt?: string }>;
  metadata?: Record<string, unknown>;
}

/** Freight has no spec: its artifacts sit at the top level and are immutable. */
export interface Freight extends KubeObject {
  alias?: string;
  discoveredAt?: string;
  origin?: FreightOrigin;
  commits?: GitCommit[];
  images?: Image[];
  charts?: Chart[];
  artifacts?: GenericArtifact[];
  status?: FreightStatus;
}

/** The reference to a Freight carried in Stage and Promotion status. */
export interface FreightReference {
  name: string;
  origin?: FreightOrigin;
  commits?: GitCommit[];
  images?: Image[];
  charts?: Chart[];
  artifacts?: GenericArtifact[];
}

// ---------------------------------------------------------------- Stage

export type AvailabilityStrategy = 'All' | 'OneOf' | '';

export interface FreightSources {
  direct?: boolean;
  stages?: string[];
  requiredSoakTime?: string;
  availabilityStrategy?: AvailabilityStrategy;
  autoPromotionOptions?: { selectionPolicy?: 'NewestFreight' | 'MatchUpstream' | '' };
}

export interface FreightRequest {
  origin: FreightOrigin;
  sources: FreightSources;
}

export interface ExpressionVariable {
  name: string;
  value?: string;
}

export interface PromotionTaskReference {
  name: string;
  kind?: 'PromotionTask' | 'ClusterPromotionTask' | '';
}

export interface PromotionStep {
  uses?: string;
  task?: PromotionTaskReference;
  as?: string;
  if?: string;
  continueOnError?: boolean;
  retry?: { timeout?: string; errorThreshold?: number };
  vars?: ExpressionVariable[];
  config?: Record<string, unknown>;
}

export interface AnalysisTemplateReference {
  name: string;
  kind?: 'AnalysisTemplate' | 'ClusterAnalysisTemplate' | '';
}

export interface Verification {
  analysisTemplates?: AnalysisTemplateReference[];
  analysisRunMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  args?: { name: string; value: string }[];
}

export interface StageSpec {
  shard?: string;
  vars?: ExpressionVariable[];
  requestedFreight?: FreightRequest[];
  promotionTemplate?: { spec?: { vars?: ExpressionVariable[]; steps?: PromotionStep[] } };
  verification?: Verification;
  targets?: { selectors?: unknown[] };
}

export type VerificationPhase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Aborted' | 'Inconclusive';

export interface VerificationInfo {
  id?: string;
  actor?: string;
  startTime?: string;
  phase?: VerificationPhase | '';
  message?: string;
  analysisRun?: { namespace?: string; name?: string; phase?: string };
  finishTime?: string;
}

/** A Stage's freight at one point in time; `items` is keyed by origin key. */
export interface FreightCollection {
  id?: string;
  items?: Record<string, FreightReference>;
  verificationHistory?: VerificationInfo[];
}

export type HealthState = 'Healthy' | 'NotApplicable' | 'Progressing' | 'Unknown' | 'Unhealthy';

/** A Stage's `status.health`; `output` is what the health checkers reported (Argo CD: Application statuses). */
export interface StageHealth {
  status?: HealthState;
  issues?: string[];
  output?: unknown;
}

export interface PromotionReference {
  name: string;
  freight?: FreightReference;
  status?: PromotionStatus;
  finishedAt?: string;
}

export interface StageStatus {
  conditions?: Condition[];
  lastHandledRefresh?: string;
  /** Newest first; entry 0 is the Stage's current freight collection. */
  freightHistory?: FreightCollection[];
  freightSummary?: string;
  health?: StageHealth;
  observedGeneration?: number;
  currentPromotion?: PromotionReference;
  lastPromotion?: PromotionReference;
  autoPromotionEnabled?: boolean;
  /** Set by the `set-metadata` step; read by `stageMetadata()`. */
  metadata?: Record<string, unknown>;
}

export interface Stage extends KubeObject {
  spec: StageSpec;
  status?: StageStatus;
}

// ---------------------------------------------------------------- Promotion

export type PromotionPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Errored' | 'Aborted';

export type StepStatus = 'Running' | 'Succeeded' | 'Failed' | 'Errored' | 'Aborted' | 'Skipped';

export interface StepExecutionMetadata {
  alias?: string;
  startedAt?: string;
  finishedAt?: string;
  errorCount?: number;
  status?: StepStatus;
  message?: string;
  continueOnError?: boolean;
}

export interface PromotionStatus {
  phase?: PromotionPhase | '';
  message?: string;
  freight?: FreightReference;
  freightCollection?: FreightCollection;
  healthChecks?: { uses?: string; config?: Record<string, unknown> }[];
  startedAt?: string;
  finishedAt?: string;
  currentStep?: number;
  stepExecutionMetadata?: StepExecutionMetadata[];
  state?: Record<string, unknown>;
  lastHandledRefresh?: string;
}

export interface PromotionSpec {
  stage: string;
  freight?: string;
  origin?: FreightOrigin;
  vars?: ExpressionVariable[];
  steps?: PromotionStep[];
}

export interface Promotion extends KubeObject {
  spec: PromotionSpec;
  status?: PromotionStatus;
}

// ---------------------------------------------------------------- Others

export interface PromotionTask extends KubeObject {
  spec: { vars?: ExpressionVariable[]; steps: PromotionStep[] };
}

export type ClusterPromotionTask = PromotionTask;

export interface Warehouse extends KubeObject {
  spec: {
    shard?: string;
    interval?: string;
    freightCreationPolicy?: 'Automatic' | 'Manual';
    subscriptions?: Record<string, unknown>[];
  };
  status?: {
    conditions?: Condition[];
    lastHandledRefresh?: string;
    lastFreightID?: string;
    observedGeneration?: number;
  };
}

export interface Project extends KubeObject {
  status?: {
    conditions?: Condition[];
    stats?: {
      warehouses?: { count?: number; health?: { healthy?: number } };
      stages?: { count?: number; health?: { healthy?: number } };
    };
  };
}

export interface ProjectConfig extends KubeObject {
  spec?: {
    promotionPolicies?: {
      stage?: string;
      stageSelector?: { name?: string; matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
      autoPromotionEnabled?: boolean;
    }[];
  };
}

// ---------------------------------------------------------------- Argo Rollouts

// Argo Rollouts' shapes live in analysis.ts; the CLI's layers read them from here too.
export type { AnalysisPhase, AnalysisRun, AnalysisTemplate, Measurement, MetricResult } from './analysis.js';

// ---------------------------------------------------------------- Core

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

/** `data` values are base64, as the API serves them. */
export interface Secret extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** The origin key Kargo uses in status maps and annotations: `Warehouse/<name>`. */
export function originKey(origin: FreightOrigin): string {
  return `${origin.kind}/${origin.name}`;
}
