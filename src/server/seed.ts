// What every server has from the start: the system namespaces, the
// cluster-admin ClusterRole, and CRDs from the configured directories.

import type { ServerCore } from './context.js';
import { CrdServing } from './crd-serving.js';
import { parseRequestInfo } from './request-info.js';
import type { Router } from './router.js';
import { ApiError } from './status.js';
import type { StoredObject, UserIdentity } from './types.js';

const SYSTEM_USER: UserIdentity = { name: 'system:apiserver', groups: ['system:masters'] };
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function internalRequest(router: Router, method: string, path: string, body: unknown, contentType = 'application/json'): void {
  const url = new URL(path, 'http://internal');
  router.route({
    info: parseRequestInfo(method, url.pathname, url.searchParams),
    path: url.pathname,
    query: url.searchParams,
    headers: { 'content-type': contentType },
    body: Buffer.from(JSON.stringify(body)),
    user: SYSTEM_USER,
    serverAddress: '',
  });
}

export function seedObjects(core: ServerCore, router: Router, crds: StoredObject[]): void {
  const { store } = core;
  for (const name of SYSTEM_NAMESPACES) {
    if (!store.get('namespaces', undefined, name))
      internalRequest(router, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  if (!store.get('clusterroles.rbac.authorization.k8s.io', undefined, 'cluster-admin')) {
    internalRequest(router, 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'cluster-admin', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } },
      rules: [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
      ],
    });
  }
  new CrdServing(core).serveStored();
  for (const crd of crds) {
    const name = crd.metadata?.name ?? '';
    try {
      internalRequest(
        router,
        'PATCH',
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}?fieldManager=kargo-embedded`,
        crd,
        'application/apply-patch+yaml',
      );
    } catch (error) {
      if (error instanceof ApiError) throw new Error(`CRD ${name} could not be applied: ${error.message}`);
      throw error;
    }
  }
}
