// The one request policy for every API call: which failures are retried, how
// long to wait before the next attempt, and when to give up.
//
// - 429 Too Many Requests: retried for every verb (the server turned the request
//   away unprocessed), after the server's Retry-After when it sends one.
// - A connection that was never made (refused, unknown host): retried for every verb.
// - 5xx, timeouts and broken connections: retried only for reads and for writes
//   that are idempotent (an update or patch guarded by resourceVersion, a merge
//   patch); a plain create or delete may already have been applied, so it is
//   not repeated here (creating exactly once is the caller's job, see
//   src/usecases/create-promotion.ts).
// - TLS failures and every other answer: never retried.
// Waits grow exponentially with jitter, capped; the whole series stays within a
// budget and stops at once when the command's signal aborts. When retries run
// out the caller gets KubeUnavailableError carrying the last cause.

import type { Clock } from '../runtime/clock.js';
import { KubeApiError, KubeConnectionError, KubeUnavailableError } from './errors.js';

export type RequestKind = 'read' | 'idempotent-write' | 'write';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Wait before the second attempt; doubles each time up to maxDelayMs (then jittered down to half). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for. */
  maxRetryAfterMs: number;
  /** Time from the first attempt after which no new attempt starts. */
  budgetMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 2_000,
  maxRetryAfterMs: 30_000,
  budgetMs: 30_000,
};

const RETRIED_SERVER_CODES = new Set([500, 502, 503, 504]);

export function isRetryable(kind: RequestKind, error: unknown): error is KubeApiError | KubeConnectionError {
  if (error instanceof KubeApiError) {
    if (error.code === 429) return true;
    return kind !== 'write' && RETRIED_SERVER_CODES.has(error.code);
  }
  if (error instanceof KubeConnectionError) {
    if (error.kind === 'tls') return false;
    return error.neverSent || kind !== 'write';
  }
  return false;
}

/** How long to wait before attempt `attempt + 1`: the server's Retry-After, else capped exponential backoff with jitter. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, error: KubeApiError | KubeConnectionError, random: () => number): number {
  if (error instanceof KubeApiError && error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface RetryContext {
  kind: RequestKind;
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  /** The command's signal: no more waiting once it aborts. */
  signal?: AbortSignal;
  /** `the Kubernetes API server at URL (context "NAME")`, for the final message. */
  where: string;
}

export async function withRetries<T>(attempt: () => Promise<T>, context: RetryContext): Promise<T> {
  const { policy, clock } = context;
  const started = clock.now().getTime();
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryable(context.kind, error) || context.signal?.aborted) throw error;
      const delay = retryDelayMs(policy, attempts, error, context.random);
      const elapsed = clock.now().getTime() - started;
      if (attempts >= policy.maxAttempts || delay > policy.maxRetryAfterMs || elapsed + delay > policy.budgetMs) {
        throw unavailable(context.where, error, attempts, elapsed, delay > policy.maxRetryAfterMs ? delay : undefined);
      }
      await clock.sleep(delay, context.signal);
    }
  }
}

function unavailable(
  where: string,
  cause: KubeApiError | KubeConnectionError,
  attempts: number,
  elapsedMs: number,
  tooLongRetryAfterMs?: number,
): KubeUnavailableError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts over ${(elapsedMs / 1000).toFixed(1)}s`;
  if (tooLongRetryAfterMs !== undefined) {
    return new KubeUnavailableError(
      `${where} is overloaded: it asked to retry after ${Math.round(tooLongRetryAfterMs / 1000)}s (${lastCauseText(cause)})`,
      cause,
      attempts,
    );
  }
  if (cause instanceof KubeConnectionError) return new KubeUnavailableError(`${cause.message} (${tries})`, cause, attempts);
  return new KubeUnavailableError(`${where} kept failing: ${lastCauseText(cause)} (${tries})`, cause, attempts);
}

function lastCauseText(cause: KubeApiError | KubeConnectionError): string {
  if (cause instanceof KubeConnectionError) return cause.message;
  const reason = cause.reason ? ` ${cause.reason}` : '';
  return `HTTP ${cause.code}${reason}: ${cause.message}`;
}
