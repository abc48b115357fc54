// One way to fail. Every layer below the command tree raises a Failure of a
// kind; only the top (src/cli/errors.ts) turns kinds into exit codes and words
// on stderr, so the engine and the controller can fail the same way without
// knowing anything about processes or exit codes.

export type FailureKind =
  /** Bad flags, arguments, names or configuration given by the user. */
  | 'usage'
  | 'not-found'
  /** 401 or 403: the cluster said no to who we are. */
  | 'forbidden'
  /** Kargo's rules refuse it: not available, soak pending, origin not requested… */
  | 'refused'
  /** Someone else changed the object meanwhile. */
  | 'conflict'
  | 'timeout'
  /** The cluster could not be reached, or kept failing. */
  | 'unavailable'
  | 'promotion-failed'
  | 'verification-failed'
  | 'aborted'
  | 'superseded'
  /** Something that should not happen: a bug. */
  | 'internal';

export class Failure extends Error {
  override readonly name = 'Failure';
  constructor(
    readonly kind: FailureKind,
    message: string,
    /** What to do next, printed on its own line after the message. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function fail(kind: FailureKind, message: string, hint?: string): never {
  throw new Failure(kind, message, hint);
}
