// One signal for "stop waiting": the user's Ctrl-C or the --timeout budget,
// remembering which of the two fired so the command can pick the exit code.

export type StopCause = 'timeout' | 'interrupt';

export interface WaitDeadline {
  readonly signal: AbortSignal;
  /** Why the signal aborted, once it has. */
  cause(): StopCause | undefined;
  dispose(): void;
}

/** `timeoutMs` of 0 means no limit. */
export function startWaitDeadline(interrupt: AbortSignal, timeoutMs: number): WaitDeadline {
  const controller = new AbortController();
  let cause: StopCause | undefined;
  const stop = (why: StopCause) => {
    if (cause) return;
    cause = why;
    controller.abort(new Error(why === 'timeout' ? 'timed out' : 'interrupted'));
  };
  const onInterrupt = () => stop('interrupt');
  if (interrupt.aborted) stop('interrupt');
  else interrupt.addEventListener('abort', onInterrupt, { once: true });
  // setTimeout fires at once beyond 2^31 - 1 ms; callers refuse such limits, this only keeps a slip harmless.
  const timer = timeoutMs > 0 ? setTimeout(() => stop('timeout'), Math.min(timeoutMs, 2 ** 31 - 1)) : undefined;
  timer?.unref?.();
  return {
    signal: controller.signal,
    cause: () => cause,
    dispose: () => {
      if (timer) clearTimeout(timer);
      interrupt.removeEventListener('abort', onInterrupt);
    },
  };
}
