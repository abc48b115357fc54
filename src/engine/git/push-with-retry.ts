// Pushes, retrying while the remote keeps moving (NonFastForwardError) on
// Kargo's schedule; each attempt rebases first. Any other failure ends it.

import type { Clock } from '../../runtime/clock.js';
import { NonFastForwardError } from './errors.js';
import { push, type PushOptions } from './push.js';
import { pushPauses } from './push-backoff.js';
import type { WorkTree } from './work-tree.js';

export interface RetryOptions {
  maxAttempts: number;
  clock: Clock;
  random: () => number;
  signal?: AbortSignal;
}

export async function pushWithRetry(workTree: WorkTree, options: PushOptions, retry: RetryOptions): Promise<number> {
  const pauses = pushPauses(retry.maxAttempts, retry.random);
  for (let attempt = 1; ; attempt++) {
    try {
      await push(workTree, options);
      return attempt;
    } catch (error) {
      const pause = pauses[attempt - 1];
      if (!(error instanceof NonFastForwardError) || pause === undefined) throw error;
      await retry.clock.sleep(pause, retry.signal);
    }
  }
}
