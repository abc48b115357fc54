// Errors raised by the cluster-access layer. Commands never see HTTP details:
// they see these, and src/cli/errors.ts turns them into one clear line and an exit code.

/** The subset of metav1.Status kargo reads. */
export interface Status {
  kind?: 'Status';
  apiVersion?: string;
  status?: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: { reason?: string; message?: string; field?: string }[];
    retryAfterSeconds?: number;
  };
}

/** The API server answered with an error Status. */
export class KubeApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: Status,
    readonly method: string,
    readonly url: string,
    /** From the Retry-After header or the Status's details, when the server asked for a pause. */
    readonly retryAfterSeconds?: number,
  ) {
    super(status.message ?? `${method} ${url} failed with HTTP ${code}`);
    this.name = 'KubeApiError';
  }

  get reason(): string {
    return this.status.reason ?? '';
  }
}

/**
 * The API server could not be reached, the TLS handshake failed, the request
 * timed out (the per-request limit, not a command's --timeout) or the
 * connection broke.
 */
export class KubeConnectionError extends Error {
  constructor(
    message: string,
    readonly server: string,
    readonly contextName: string,
    readonly kind: 'unreachable' | 'tls' | 'timeout',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KubeConnectionError';
  }

  /** The request surely never reached the server (refused, unknown host), so even a write may be retried. */
  get neverSent(): boolean {
    const code = (this.cause as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' && NEVER_SENT_CODES.has(code);
  }
}

const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The kubeconfig is missing, unreadable, malformed or names an unknown context. */
export class KubeConfigError extends Error {
  override name = 'KubeConfigError';
}

/**
 * The kubeconfig's credentials cannot be used: a token file that does not exist,
 * a client key or certificate that is not one, an exec plugin that failed or
 * did not answer in time.
 */
export class KubeCredentialsError extends KubeConfigError {
  override name = 'KubeCredentialsError';
}

/**
 * The cluster could not be reached or kept failing (connection errors, 429, 5xx)
 * through every retry the request policy allowed; `lastCause` is the last failure.
 */
export class KubeUnavailableError extends Error {
  override name = 'KubeUnavailableError';
  constructor(
    message: string,
    readonly lastCause: KubeApiError | KubeConnectionError,
    readonly attempts: number,
  ) {
    super(message, { cause: lastCause });
  }
}

export function isNotFound(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 404;
}

export function isConflict(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 409 && error.reason === 'Conflict';
}

export function isAlreadyExists(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 409 && error.reason === 'AlreadyExists';
}
