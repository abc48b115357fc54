// Is Kargo's own controller at work in this cluster? `kargo controller run`
// must not race it for the same Promotions. Two signs, each as Kargo v1.11
// leaves it:
//   - its heartbeat: a coordination.k8s.io Lease named `kargo-controller-<name>`
//     (pkg/heartbeat), renewed every third of its duration while it runs and
//     deleted when it stops — a Lease renewed within its duration is a live one;
//   - its workload: a Deployment labelled as the Helm chart labels it
//     (`app.kubernetes.io/name=kargo`, `app.kubernetes.io/component=controller`)
//     and not scaled to zero.
// A kind the cluster does not serve is no sign; one the user may not list is
// reported as unchecked, so the caller can refuse rather than guess.

import type { KubeClient } from '../kube/client.js';
import type { ResourceType } from '../kube/resources.js';
import type { KubeObject } from '../model/kargo.js';

const LEASES: ResourceType = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  shortNames: [],
  hasStatus: false,
};

const DEPLOYMENTS: ResourceType = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  hasStatus: true,
};

const HEARTBEAT_PREFIX = 'kargo-controller-';
const CHART_SELECTOR = 'app.kubernetes.io/name=kargo,app.kubernetes.io/component=controller';
/** When a Lease names no duration, how long a renewal counts as recent. */
const DEFAULT_LEASE_SECONDS = 60;

interface Lease extends KubeObject {
  spec?: { renewTime?: string; leaseDurationSeconds?: number; holderIdentity?: string };
}

interface Deployment extends KubeObject {
  spec?: { replicas?: number };
}

export interface ControllerPresence {
  /** Each sign that Kargo's controller runs, in words. */
  found: string[];
  /** Checks that could not be made, and why. */
  unchecked: string[];
}

const codeOf = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined);

/** Lists `type` in all namespaces; undefined when the cluster does not serve it. */
async function listAll<T extends KubeObject>(client: KubeClient, type: ResourceType, unchecked: string[], labelSelector?: string): Promise<T[]> {
  try {
    return (await client.list<T>(type, undefined, labelSelector ? { labelSelector } : {})).items;
  } catch (error) {
    const code = codeOf(error);
    if (code === 404) return [];
    if (code === 403 || code === 401) {
      unchecked.push(`may not list ${type.plural}.${type.group} in all namespaces`);
      return [];
    }
    throw error;
  }
}

const nameOf = (object: KubeObject): string => `${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;

function liveHeartbeat(lease: Lease, now: Date): string | undefined {
  if (!(lease.metadata.name ?? '').startsWith(HEARTBEAT_PREFIX)) return undefined;
  const renewed = Date.parse(lease.spec?.renewTime ?? '');
  if (Number.isNaN(renewed)) return undefined;
  const ageSeconds = Math.max(0, Math.round((now.getTime() - renewed) / 1000));
  if (ageSeconds > (lease.spec?.leaseDurationSeconds ?? DEFAULT_LEASE_SECONDS)) return undefined;
  return `heartbeat Lease ${nameOf(lease)} renewed ${ageSeconds}s ago`;
}

export async function findKargoController(client: KubeClient, now: Date): Promise<ControllerPresence> {
  const unchecked: string[] = [];
  const leases = await listAll<Lease>(client, LEASES, unchecked);
  const deployments = await listAll<Deployment>(client, DEPLOYMENTS, unchecked, CHART_SELECTOR);
  const found = [
    ...leases.flatMap((lease) => liveHeartbeat(lease, now) ?? []),
    ...deployments.filter((deployment) => deployment.spec?.replicas !== 0).map((deployment) => `Deployment ${nameOf(deployment)} (Kargo's Helm chart)`),
  ];
  return { found, unchecked };
}
