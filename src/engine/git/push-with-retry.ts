// Runs a push attempt again while the remote keeps moving (NonFastForwardError)
// on Kargo's schedule; each attempt rebases first. Any other failure ends it.
// Pauses happen outside the attempt, so a lock taken by the attempt is not
// held while waiting (as Kargo locks inside each attempt).

import type { Clock } from '../../runtime/clock.js';
import { NonFastForwardError } from './errors.js';
import { pushPauses } from './push-backoff.js';

export interface RetryOptions {
  maxAttempts: number;
  clock: Clock;
  random: () => number;
  signal?: AbortSignal;
}

/** Returns the number of attempts made. */
export async function retryWhileRemoteMoves(attempt: () => Promise<void>, retry: RetryOptions): Promise<number> {
  const pauses = pushPauses(retry.maxAttempts, retry.random);
  for (let made = 1; ; made++) {
    try {
      await attempt();
      return made;
    } catch (error) {
      const pause = pauses[made - 1];
      if (!(error instanceof NonFastForwardError) || pause === undefined) throw error;
      await retry.clock.sleep(pause, retry.signal);
    }
  }
}
