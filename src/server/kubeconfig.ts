// Kubeconfig documents for the server's users.

import { stringify } from 'yaml';

export interface KubeconfigParams {
  name: string;
  server: string;
  caCertPem?: string;
  user: string;
  token: string;
  namespace?: string;
}

export function renderKubeconfig(params: KubeconfigParams): string {
  const cluster: Record<string, string> = { server: params.server };
  if (params.caCertPem) cluster['certificate-authority-data'] = Buffer.from(params.caCertPem).toString('base64');
  const context: Record<string, string> = { cluster: params.name, user: `${params.name}-${params.user}` };
  if (params.namespace) context.namespace = params.namespace;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: params.name, cluster }],
    users: [{ name: `${params.name}-${params.user}`, user: { token: params.token } }],
    contexts: [{ name: params.name, context }],
    'current-context': params.name,
    preferences: {},
  });
}
