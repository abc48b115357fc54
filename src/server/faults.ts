// Fault injection that tests switch on: added latency and error answers for
// matching requests, and cutting open watch streams.

export interface FaultMatch {
  method?: string;
  /** Kubernetes verb: get, list, watch, create, update, patch, delete, … */
  verb?: string;
  resource?: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  user?: string;
  /** Matched against the URL path (a string must be a substring). */
  path?: string | RegExp;
}

export interface FaultRule {
  match?: FaultMatch;
  /** Delay before the request is handled. */
  latencyMs?: number;
  /** Answer with this HTTP status (as a metav1.Status) instead of handling the request. */
  status?: number;
  reason?: string;
  message?: string;
  /** With `status`: a Retry-After header (and details.retryAfterSeconds), as kube-apiserver sends with 429. */
  retryAfterSeconds?: number;
  /** Cut the connection without an answer instead (the client sees a reset). */
  reset?: boolean;
  /** Stop after this many matching requests. */
  times?: number;
}

export interface FaultTarget {
  method: string;
  path: string;
  verb: string;
  resource: string;
  namespace: string;
  name: string;
  subresource: string;
  user: string;
}

export interface FaultHandle {
  /** How many requests this fault has affected. */
  readonly hits: number;
  remove(): void;
}

export interface Faults {
  add(rule: FaultRule): FaultHandle;
  clear(): void;
  /** Cuts every open watch connection; returns how many were cut. */
  dropWatches(): number;
}

interface ActiveRule {
  rule: FaultRule;
  hits: number;
}

function matchesRule(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== target.method) return false;
  if (match.verb && match.verb !== target.verb) return false;
  if (match.resource && match.resource !== target.resource) return false;
  if (match.namespace && match.namespace !== target.namespace) return false;
  if (match.name && match.name !== target.name) return false;
  if (match.subresource && match.subresource !== target.subresource) return false;
  if (match.user && match.user !== target.user) return false;
  if (match.path instanceof RegExp && !match.path.test(target.path)) return false;
  if (typeof match.path === 'string' && !target.path.includes(match.path)) return false;
  return true;
}

export class FaultInjector implements Faults {
  private rules: ActiveRule[] = [];

  constructor(private readonly dropWatchStreams: () => number) {}

  add(rule: FaultRule): FaultHandle {
    const active: ActiveRule = { rule, hits: 0 };
    this.rules.push(active);
    return {
      get hits() {
        return active.hits;
      },
      remove: () => {
        this.rules = this.rules.filter((candidate) => candidate !== active);
      },
    };
  }

  clear(): void {
    this.rules = [];
  }

  dropWatches(): number {
    return this.dropWatchStreams();
  }

  /** The rules that apply to this request, counting each as used. */
  take(target: FaultTarget): FaultRule[] {
    const applied: FaultRule[] = [];
    for (const active of this.rules) {
      if (active.rule.times !== undefined && active.hits >= active.rule.times) continue;
      if (!matchesRule(active.rule.match, target)) continue;
      active.hits += 1;
      applied.push(active.rule);
    }
    return applied;
  }
}
