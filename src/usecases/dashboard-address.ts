// Where the Kargo UI answers, read from the cluster: Kargo's Helm chart serves the
// UI from its API server, exposed by the Ingress `kargo-api` (when
// api.ingress.enabled) or by the Service `kargo-api` (a LoadBalancer's address).
// The real CLI takes the address `kargo login` saved; this one has no login.

import type { KubeClient } from '../kube/client.js';
import { coreResources } from '../kube/core-resources.js';
import { KubeApiError } from '../kube/errors.js';
import type { Ingress, Service } from '../model/core.js';
import type { KubeObject } from '../model/kargo.js';
import { Failure } from '../runtime/failure.js';

const KARGO_API = 'kargo-api';

export interface DashboardAddress {
  url: string;
  /** `Ingress kargo-api` or `Service kargo-api`: where the address came from. */
  source: string;
}

export async function findDashboardAddress(client: KubeClient, namespace: string): Promise<DashboardAddress> {
  const ingress = await getIfPresent<Ingress>(client, coreResources.ingress, namespace);
  const fromIngress = ingress && ingressUrl(ingress);
  if (fromIngress) return { url: fromIngress, source: `Ingress ${namespace}/${KARGO_API}` };
  const service = await getIfPresent<Service>(client, coreResources.service, namespace);
  const fromService = service && serviceUrl(service);
  if (fromService) return { url: fromService, source: `Service ${namespace}/${KARGO_API}` };
  const forward = `kubectl port-forward -n ${namespace} svc/${KARGO_API} 8443:443, then open https://localhost:8443`;
  if (!service) {
    throw new Failure(
      'not-found',
      `no Service ${KARGO_API} in namespace ${namespace}: is Kargo installed there?`,
      `Name Kargo's namespace with --kargo-namespace, or reach the UI with ${forward}.`,
    );
  }
  throw new Failure(
    'not-found',
    `Kargo's UI is not exposed outside the cluster (no Ingress ${KARGO_API}, no load-balancer address)`,
    `Reach it with ${forward}.`,
  );
}

function ingressUrl(ingress: Ingress): string | undefined {
  const rule = ingress.spec?.rules?.find((candidate) => candidate.host);
  const host = rule?.host ?? addressOf(ingress.status?.loadBalancer?.ingress);
  if (!host) return undefined;
  const secure = (ingress.spec?.tls ?? []).some((tls) => !tls.hosts || tls.hosts.includes(host));
  const path = rule?.http?.paths?.[0]?.path ?? '/';
  return `${secure ? 'https' : 'http'}://${host}${path === '/' ? '' : path.replace(/\/$/, '')}`;
}

function serviceUrl(service: Service): string | undefined {
  if (service.spec?.type !== 'LoadBalancer') return undefined;
  const host = addressOf(service.status?.loadBalancer?.ingress);
  if (!host) return undefined;
  const port = service.spec.ports?.[0];
  const secure = port?.appProtocol === 'https' || port?.port === 443;
  const standard = port === undefined || port.port === (secure ? 443 : 80);
  return `${secure ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}${standard ? '' : `:${port.port}`}`;
}

function addressOf(ingress: { ip?: string; hostname?: string }[] | undefined): string | undefined {
  const first = ingress?.find((entry) => entry.hostname || entry.ip);
  return first?.hostname ?? first?.ip;
}

async function getIfPresent<T extends KubeObject>(client: KubeClient, type: typeof coreResources.service, namespace: string): Promise<T | undefined> {
  try {
    return await client.get<T>(type, KARGO_API, namespace);
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) return undefined;
    throw error;
  }
}
