// Process exit codes: a documented contract for scripts and CI (see README).
export const ExitCode = {
  Success: 0,
  Unexpected: 1,
  Usage: 2,
  NotFound: 3,
  Forbidden: 4,
  PromotionFailed: 5,
  VerificationFailed: 6,
  Aborted: 7,
  Refused: 8,
  Superseded: 9,
  /** The cluster could not be reached or kept failing through every retry (connection, TLS, per-request timeout, 429, 5xx). */
  Unavailable: 10,
  Timeout: 124,
  Interrupted: 130,
  /** Stopped by SIGTERM (128 + 15), handled like Ctrl-C. */
  Terminated: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
