// Shapes of the core and RBAC Kubernetes objects kargo reads and writes beside
// Kargo's own: Secrets and ConfigMaps (credentials, configuration), the RBAC
// objects behind Kargo roles, Pods (verification logs), Services and Ingresses
// (the dashboard's address).

import type { KubeObject } from './kargo.js';

export interface Secret extends KubeObject {
  type?: string;
  /** Base64-encoded values, as the API stores them. */
  data?: Record<string, string>;
  /** Plain values; the API folds them into `data` on write. Redacted copies carry their words here. */
  stringData?: Record<string, string>;
}

export interface ConfigMap extends KubeObject {
  data?: Record<string, string>;
}

export interface Pod extends KubeObject {
  spec?: { containers?: { name: string }[] };
  status?: { phase?: string; startTime?: string };
}

export interface ServicePort {
  port: number;
  name?: string;
  appProtocol?: string;
}

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
}

export interface Service extends KubeObject {
  spec?: { type?: string; ports?: ServicePort[] };
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } };
}

export interface Ingress extends KubeObject {
  spec?: {
    rules?: { host?: string; http?: { paths?: { path?: string }[] } }[];
    tls?: { hosts?: string[] }[];
  };
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } };
}
