// client-go's leader-election record (the ConfigMap lock's
// `control-plane.alpha.kubernetes.io/leader` annotation) and who may take
// the lease now: its holder (renewing), anyone once the holder stopped
// renewing for a lease duration, or anyone when it was released. Pure.

export const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

export interface LeaderRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: string;
  renewTime: string;
  leaderTransitions: number;
}

export function parseRecord(value: string | undefined): LeaderRecord | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<LeaderRecord>;
    if (typeof parsed.holderIdentity !== 'string') return undefined;
    return {
      holderIdentity: parsed.holderIdentity,
      leaseDurationSeconds: Number(parsed.leaseDurationSeconds) || 0,
      acquireTime: String(parsed.acquireTime ?? ''),
      renewTime: String(parsed.renewTime ?? ''),
      leaderTransitions: Number(parsed.leaderTransitions) || 0,
    };
  } catch {
    return undefined;
  }
}

/** The record to write to hold the lease as `identity` at `now`, or undefined when someone else holds it. */
export function claim(current: LeaderRecord | undefined, identity: string, now: Date, durationSeconds: number): LeaderRecord | undefined {
  const stamp = now.toISOString();
  if (current?.holderIdentity === identity) return { ...current, leaseDurationSeconds: durationSeconds, renewTime: stamp };
  if (current?.holderIdentity && !expired(current, now)) return undefined;
  return {
    holderIdentity: identity,
    leaseDurationSeconds: durationSeconds,
    acquireTime: stamp,
    renewTime: stamp,
    // client-go counts a transition whenever the holder changes, a released lease included.
    leaderTransitions: current ? current.leaderTransitions + 1 : 0,
  };
}

/** client-go's release: no holder, a one-second lease, so the next candidate takes over at once. */
export function released(current: LeaderRecord, now: Date): LeaderRecord {
  const stamp = now.toISOString();
  return { ...current, holderIdentity: '', leaseDurationSeconds: 1, acquireTime: stamp, renewTime: stamp };
}

function expired(record: LeaderRecord, now: Date): boolean {
  const renewed = Date.parse(record.renewTime);
  return Number.isNaN(renewed) || renewed + record.leaseDurationSeconds * 1000 <= now.getTime();
}
