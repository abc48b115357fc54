// A keyed work queue, as controller-runtime's: one reconcile per key at a
// time, a key added while it is being reconciled runs once more afterwards,
// and a reconcile may ask to be run again after a delay. Different keys run
// side by side. Errors are retried with a capped backoff.

import type { Clock } from '../runtime/clock.js';

/** Returns when to look again (ms), or undefined when only a change should wake it. */
export type Reconcile = (key: string) => Promise<number | undefined>;

export interface WorkQueueOptions {
  clock: Clock;
  signal: AbortSignal;
  reconcile: Reconcile;
  onError?: (key: string, error: unknown) => void;
  maxErrorDelayMs?: number;
}

export class WorkQueue {
  readonly #busy = new Map<string, Promise<void>>();
  readonly #dirty = new Set<string>();
  readonly #failures = new Map<string, number>();
  readonly #options: WorkQueueOptions;

  constructor(options: WorkQueueOptions) {
    this.#options = options;
  }

  add(key: string): void {
    if (this.#options.signal.aborted) return;
    if (this.#busy.has(key)) {
      this.#dirty.add(key);
      return;
    }
    const run = this.#run(key).finally(() => {
      this.#busy.delete(key);
      if (this.#dirty.delete(key)) this.add(key);
    });
    this.#busy.set(key, run);
  }

  addAfter(key: string, ms: number): void {
    const { clock, signal } = this.#options;
    clock.sleep(ms, signal).then(
      () => this.add(key),
      () => undefined,
    );
  }

  /** Resolves when every reconcile in flight has finished. */
  async drain(): Promise<void> {
    while (this.#busy.size > 0) await Promise.allSettled([...this.#busy.values()]);
  }

  async #run(key: string): Promise<void> {
    try {
      const again = await this.#options.reconcile(key);
      this.#failures.delete(key);
      if (again !== undefined) {
        if (again <= 0) this.#dirty.add(key);
        else this.addAfter(key, again);
      }
    } catch (error) {
      if (this.#options.signal.aborted) return;
      this.#options.onError?.(key, error);
      const failures = (this.#failures.get(key) ?? 0) + 1;
      this.#failures.set(key, failures);
      this.addAfter(key, Math.min(this.#options.maxErrorDelayMs ?? 10_000, 50 * 2 ** (failures - 1)));
    }
  }
}
