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
  ) {
    super(status.message ?? `${method} ${url} failed with HTTP ${code}`);
    this.name = 'KubeApiError';
  }

  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** The API server could not be reached or the TLS handshake failed. */
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
}

/** The kubeconfig is missing, unreadable or names an unknown context. */
export class KubeConfigError extends Error {
  override name = 'KubeConfigError';
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
