// The pauses between git-push attempts, as Kargo's retry.OnError over
// wait.Backoff{Steps: maxAttempts, Duration: 1s, Factor: 1.5, Jitter: 0.5,
// Cap: 30s} takes them: each pause is the current duration plus up to 50%
// jitter, and the duration grows 1.5× per pause. Once the next duration would
// pass the cap, apimachinery zeroes the remaining steps: it still sleeps once
// more but never tries again, so Kargo makes at most 9 attempts whatever
// maxAttempts says. That final, useless sleep is left out here.

export const DEFAULT_PUSH_ATTEMPTS = 10;

const INITIAL_MS = 1000;
const FACTOR = 1.5;
const JITTER = 0.5;
const CAP_MS = 30_000;

/** Pauses in ms before attempts 2, 3, …; the number of attempts is its length + 1. */
export function pushPauses(maxAttempts: number, random: () => number = Math.random): number[] {
  const pauses: number[] = [];
  let steps = maxAttempts;
  let duration = INITIAL_MS;
  while (steps > 1) {
    steps--;
    const pause = duration + random() * JITTER * duration;
    duration *= FACTOR;
    if (duration > CAP_MS) break;
    pauses.push(pause);
  }
  return pauses;
}
