// The push failures a caller must tell apart (Kargo's git.ErrNonFastForward
// and git.ErrMergeConflict): the first is worth a retry, the second never is.

export class NonFastForwardError extends Error {
  override readonly name = 'NonFastForwardError';
  constructor(detail: string) {
    super(`error pushing branch: non-fast-forward: ${detail}`);
  }
}

export class MergeConflictError extends Error {
  override readonly name = 'MergeConflictError';
  constructor(branch: string) {
    super(
      `merge conflict: the local commits do not rebase cleanly onto remote branch "${branch}"; ` +
        'resolve the conflict in the repository (or push to another branch) and promote again',
    );
  }
}

/** Refuses a value git would parse as an option (a ref or URL starting with '-'). */
export function assertNotOption(value: string, what: string): void {
  if (value.startsWith('-')) throw new Error(`invalid ${what} "${value}": it must not start with "-"`);
}
