// Leader election for the controller, as controller-runtime's: only the
// holder of the lease reconciles. A candidate tries every retry period; the
// leader renews every renew period and stops reconciling (its signal aborts)
// when it could not renew within the lease duration or someone else holds
// the lease — then it waits to lead again. On a clean stop the leader
// releases the lease so a successor starts at once.

import type { KubeClient } from '../../kube/client.js';
import type { Clock } from '../../runtime/clock.js';
import { type LockRef, updateLock } from './configmap-lock.js';
import { claim, released } from './record.js';

export interface LeaseOptions extends LockRef {
  identity: string;
  durationMs: number;
  renewMs: number;
  retryMs: number;
}

export class LostLease extends Error {
  override readonly name = 'LostLease';
}

/** Runs `lead` each time this candidate holds the lease, until `signal` aborts. */
export async function whileLeading(
  client: KubeClient,
  clock: Clock,
  lease: LeaseOptions,
  signal: AbortSignal,
  lead: (leading: AbortSignal) => Promise<void>,
  onError?: (error: unknown) => void,
): Promise<void> {
  const seconds = Math.max(1, Math.ceil(lease.durationMs / 1000));
  const tryClaim = async (): Promise<boolean> => {
    try {
      return await updateLock(client, lease, (current) => claim(current, lease.identity, clock.now(), seconds));
    } catch (error) {
      onError?.(error);
      return false;
    }
  };
  while (!signal.aborted) {
    if (!(await tryClaim())) {
      await clock.sleep(lease.retryMs, signal).catch(() => undefined);
      continue;
    }
    const leading = new AbortController();
    const stop = (): void => leading.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    const renewing = renew(clock, lease, leading, tryClaim);
    try {
      await lead(leading.signal);
    } finally {
      signal.removeEventListener('abort', stop);
      leading.abort(signal.reason);
      await renewing;
    }
  }
  await updateLock(client, lease, (current) => (current?.holderIdentity === lease.identity ? released(current, clock.now()) : undefined)).catch(onError);
}

async function renew(clock: Clock, lease: LeaseOptions, leading: AbortController, tryClaim: () => Promise<boolean>): Promise<void> {
  let renewedAt = clock.now().getTime();
  while (!leading.signal.aborted) {
    await clock.sleep(lease.renewMs, leading.signal).catch(() => undefined);
    if (leading.signal.aborted) return;
    if (await tryClaim()) renewedAt = clock.now().getTime();
    else if (clock.now().getTime() - renewedAt >= lease.durationMs - lease.renewMs) {
      // Give up before the lease can lapse, so a successor never overlaps with us.
      leading.abort(new LostLease(`lost the lease ${lease.namespace}/${lease.name}`));
      return;
    }
  }
}
