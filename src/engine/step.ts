// The contract between the promotion runner and a built-in step (Kargo's
// promotion.StepRunner): the runner evaluates the step's `${{ }}` config, the
// step validates and runs it, and answers with a StepResult. A step never
// writes the Promotion; it may read (and, for argocd-update, patch) other
// objects through the client.

import type { KubeClient } from '../kube/client.js';
import type { FreightCollection, FreightReference, FreightRequest } from '../model/kargo.js';
import type { Clock } from '../runtime/clock.js';

/** Kargo's PromotionStepStatus values. */
export type StepStatus = 'Succeeded' | 'Failed' | 'Errored' | 'Running' | 'Skipped' | 'Aborted';

/** What a step may know and touch while it runs (Kargo's promotion.StepContext). */
export interface StepContext {
  /** The Promotion's working directory; every path in a config is resolved inside it. */
  workDir: string;
  project: string;
  stage: string;
  promotion: string;
  /** `kubernetes:<user>` or whatever the Promotion's create-actor annotation says. */
  promotionActor?: string;
  alias: string;
  /** Outputs of earlier steps, keyed by alias (read-only for a step). */
  sharedState: Readonly<Record<string, unknown>>;
  freightRequests: FreightRequest[];
  freight: FreightCollection;
  targetFreight: FreightReference;
  client: KubeClient;
  clock: Clock;
  /** Aborted when the Promotion is aborted or the engine stops. */
  signal: AbortSignal;
}

/** An argocd-update health check, recorded on the Promotion and evaluated after it succeeds. */
export interface HealthCheck {
  uses: string;
  config?: Record<string, unknown>;
}

export interface StepResult {
  status: StepStatus;
  message?: string;
  /** Stored under the step's alias in the Promotion's `status.state`. */
  output?: Record<string, unknown>;
  healthCheck?: HealthCheck;
  /** For a Running step: when to look again (ms). */
  retryAfterMs?: number;
}

/**
 * A failure that retrying cannot fix (Kargo's TerminalError): the step is
 * Failed/Errored at once, ignoring `retry.errorThreshold`.
 */
export class TerminalStepError extends Error {
  override readonly name = 'TerminalStepError';
  /** Failed for a problem with the input (Kargo's usual choice), Errored for a technical one. */
  readonly status: 'Failed' | 'Errored';

  constructor(message: string, options: { status?: 'Failed' | 'Errored'; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status ?? 'Errored';
  }
}

/** One built-in step. `run` throws an Error for a retriable failure, TerminalStepError for a final one. */
export interface StepRunner<Config = Record<string, unknown>> {
  /** The `uses:` name, e.g. `git-clone`. */
  readonly kind: string;
  /**
   * Checks the evaluated config against the step's schema; returns Kargo-style
   * messages naming the field (empty when valid). Never reads ../shared.
   */
  validate(config: unknown): string[];
  run(context: StepContext, config: Config): Promise<StepResult>;
  /** How long a Running step may take when its `retry.timeout` is unset (ms; none when absent). */
  readonly defaultTimeoutMs?: number;
  /** Failures tolerated when `retry.errorThreshold` is unset (Kargo's system default is 1). */
  readonly defaultErrorThreshold?: number;
  /** Inside a task, its output is also merged into the task alias's state (compose-output). */
  readonly propagatesTaskOutput?: boolean;
}
