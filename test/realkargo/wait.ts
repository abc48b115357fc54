// Polls until a condition holds, failing with what was awaited and the last
// thing seen: the tier's only way to wait for what Kargo writes.

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Says why waiting longer is pointless (e.g. a process it waits for has exited). */
  failFast?: () => string | undefined;
}

export async function waitFor<T>(description: string, probe: () => Promise<T | undefined>, options: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let lastError: unknown;
  for (;;) {
    const pointless = options.failFast?.();
    if (pointless) throw new Error(`gave up waiting for ${description}: ${pointless}`);
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${options.timeoutMs ?? 60_000} ms waiting for ${description}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}
