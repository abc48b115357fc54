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
  Timeout: 124,
  Interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
