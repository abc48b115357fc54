// Authentication (401) and RBAC authorization (403 wording, custom verbs,
// resourceNames, wildcards), SelfSubjectAccessReview and SelfSubjectReview.

import { describe, expect, it } from 'vitest';
import type { ApiClient } from './api-client.js';
import type { SuiteContext } from './context.js';
import { GROUP, PLURAL, VERSION, widget, widgetsPath } from './fixtures.js';

async function grant(admin: ApiClient, ns: string, user: string, rules: Record<string, unknown>[], name = 'grant'): Promise<void> {
  const role = await admin.post(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name },
    rules,
  });
  expect(role.status, JSON.stringify(role.body)).toBe(201);
  const binding = await admin.post(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
  });
  expect(binding.status, JSON.stringify(binding.body)).toBe(201);
}

async function canI(client: ApiClient, attributes: Record<string, string>): Promise<boolean> {
  const review = await client.post<{ status: { allowed: boolean } }>('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    spec: { resourceAttributes: attributes },
  });
  expect(review.status).toBe(201);
  return review.body.status.allowed;
}

/** RBAC changes can take a moment to reach a real API server's authorizer cache. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function defineRbacTests(suite: SuiteContext): void {
  describe('authentication', () => {
    it('answers 401 Unauthorized without a valid token', async () => {
      const anonymous = await suite.admin.get(`/apis/${GROUP}/${VERSION}/${PLURAL}`, { anonymous: true });
      expect([401, 403]).toContain(anonymous.status);
      const badToken = await suite.admin.get(`/apis/${GROUP}/${VERSION}/${PLURAL}`, { token: 'not-a-valid-token' });
      expect(badToken.status).toBe(401);
      expect(badToken.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401, message: 'Unauthorized' });
    });

    it('reports who the caller is through SelfSubjectReview', async () => {
      const user = suite.userName('whoami');
      const client = await suite.clientFor(user, ['protocol-testers']);
      const review = await client.post<{ status: { userInfo: { username: string; groups: string[] } } }>('/apis/authentication.k8s.io/v1/selfsubjectreviews', {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'SelfSubjectReview',
      });
      expect(review.status).toBe(201);
      expect(review.body.status.userInfo.username).toBe(user);
      expect(review.body.status.userInfo.groups).toEqual(expect.arrayContaining(['protocol-testers', 'system:authenticated']));
    });
  });

  describe('authorization', () => {
    it('forbids what no role grants, with the Kubernetes message and details', async () => {
      const ns = await suite.namespace();
      const user = suite.userName('nobody');
      const client = await suite.clientFor(user);
      const denied = await client.post(widgetsPath(ns), widget('w'));
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'Forbidden',
        code: 403,
        details: { group: GROUP, kind: PLURAL },
      });
      expect(String(denied.body.message)).toMatch(
        new RegExp(
          `^${PLURAL}\\.${GROUP.replace(/\./g, '\\.')} is forbidden: User "${user}" cannot create resource "${PLURAL}" in API group "${GROUP.replace(/\./g, '\\.')}" in the namespace "${ns}"`,
        ),
      );
      const named = await client.get(widgetsPath(ns, 'w'));
      expect(named.body).toMatchObject({ reason: 'Forbidden', details: { name: 'w', group: GROUP, kind: PLURAL } });
      expect(String(named.body.message)).toContain(`${PLURAL}.${GROUP} "w" is forbidden: User "${user}" cannot get resource "${PLURAL}"`);
      const clusterWide = await client.get(`/apis/${GROUP}/${VERSION}/${PLURAL}`);
      expect(clusterWide.status).toBe(403);
      expect(String(clusterWide.body.message)).toContain('at the cluster scope');
      const status = await client.request('PATCH', widgetsPath(ns, 'w', 'status'), { rawBody: '{}', contentType: 'application/merge-patch+json' });
      expect(String(status.body.message)).toContain(`cannot patch resource "${PLURAL}/status"`);
      const core = await client.get(`/api/v1/namespaces/${ns}/configmaps`);
      expect(String(core.body.message)).toBe(
        `configmaps is forbidden: User "${user}" cannot list resource "configmaps" in API group "" in the namespace "${ns}"`,
      );
    });

    it('allows exactly what a Role grants, including resourceNames', async () => {
      const ns = await suite.namespace();
      const user = suite.userName('reader');
      await suite.admin.post(widgetsPath(ns), widget('one'));
      await suite.admin.post(widgetsPath(ns), widget('two'));
      await grant(suite.admin, ns, user, [
        { apiGroups: [GROUP], resources: [PLURAL], verbs: ['list'] },
        { apiGroups: [GROUP], resources: [PLURAL], resourceNames: ['one'], verbs: ['get', 'patch'] },
      ]);
      const client = await suite.clientFor(user);
      await eventually(async () => (await client.get(widgetsPath(ns))).status === 200);
      expect((await client.get(widgetsPath(ns, 'one'))).status).toBe(200);
      expect((await client.get(widgetsPath(ns, 'two'))).status).toBe(403);
      expect((await client.patch(widgetsPath(ns, 'one'), { spec: { size: 2 } }, 'application/merge-patch+json')).status).toBe(200);
      expect((await client.delete(widgetsPath(ns, 'one'))).status).toBe(403);
      expect((await client.post(widgetsPath(ns), widget('three'))).status).toBe(403);
      expect((await suite.admin.get(widgetsPath(ns, 'three'))).status).toBe(404);
    });

    it('authorizes a list narrowed by a metadata.name field selector against resourceNames', async () => {
      const ns = await suite.namespace();
      const user = suite.userName('single');
      await suite.admin.post(widgetsPath(ns), widget('one'));
      await suite.admin.post(widgetsPath(ns), widget('two'));
      await grant(suite.admin, ns, user, [{ apiGroups: [GROUP], resources: [PLURAL], resourceNames: ['one'], verbs: ['get', 'list', 'watch'] }]);
      const client = await suite.clientFor(user);
      const narrowed = `${widgetsPath(ns)}?fieldSelector=${encodeURIComponent('metadata.name=one')}`;
      await eventually(async () => (await client.get(narrowed)).status === 200);
      const listed = await client.get<{ items: { metadata: { name: string } }[] }>(narrowed);
      expect(listed.body.items.map((item) => item.metadata.name)).toEqual(['one']);
      expect((await client.get(widgetsPath(ns))).status).toBe(403);
      expect((await client.get(`${widgetsPath(ns)}?fieldSelector=${encodeURIComponent('metadata.name=two')}`)).status).toBe(403);
    });

    it('rejects a SelfSubjectAccessReview without attributes (422)', async () => {
      const review = await suite.admin.post('/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {},
      });
      expect(review.status).toBe(422);
      expect(review.body).toMatchObject({ reason: 'Invalid', details: { group: 'authorization.k8s.io', causes: [{ field: 'spec.resourceAttributes' }] } });
    });

    it('answers SelfSubjectAccessReview truthfully, including a custom verb and wildcards', async () => {
      const ns = await suite.namespace();
      const user = suite.userName('promoter');
      await grant(suite.admin, ns, user, [
        { apiGroups: [GROUP], resources: [PLURAL], verbs: ['promote'] },
        { apiGroups: [''], resources: ['*'], verbs: ['get'] },
      ]);
      const client = await suite.clientFor(user);
      await eventually(() => canI(client, { namespace: ns, verb: 'promote', group: GROUP, resource: PLURAL, name: 'any' }));
      expect(await canI(client, { namespace: ns, verb: 'promote', group: GROUP, resource: PLURAL })).toBe(true);
      expect(await canI(client, { namespace: ns, verb: 'delete', group: GROUP, resource: PLURAL })).toBe(false);
      expect(await canI(client, { namespace: ns, verb: 'get', group: '', resource: 'configmaps' })).toBe(true);
      expect(await canI(client, { namespace: ns, verb: 'list', group: '', resource: 'configmaps' })).toBe(false);
      expect(await canI(client, { namespace: `${ns}-other`, verb: 'promote', group: GROUP, resource: PLURAL })).toBe(false);
    });

    it("lets an admin impersonate a user, with that user's permissions, and forbids others to impersonate", async () => {
      const ns = await suite.namespace();
      const user = suite.userName('impersonated');
      await grant(suite.admin, ns, user, [{ apiGroups: [GROUP], resources: [PLURAL], verbs: ['list'] }]);
      const as = { 'Impersonate-User': user };
      await eventually(async () => (await suite.admin.get(widgetsPath(ns), { headers: as })).status === 200);
      const denied = await suite.admin.post(widgetsPath(ns), widget('w'), { headers: as });
      expect(denied.status).toBe(403);
      expect(String(denied.body.message)).toContain(`User "${user}" cannot create resource "${PLURAL}"`);
      const who = await suite.admin.post<{ status: { userInfo: { username: string; groups: string[] } } }>(
        '/apis/authentication.k8s.io/v1/selfsubjectreviews',
        { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
        { headers: { ...as, 'Impersonate-Group': 'impersonated-team' } },
      );
      expect(who.body.status.userInfo.username).toBe(user);
      expect(who.body.status.userInfo.groups).toEqual(expect.arrayContaining(['impersonated-team', 'system:authenticated']));

      const plain = await suite.clientFor(suite.userName('plain'));
      const refused = await plain.get(widgetsPath(ns), { headers: { 'Impersonate-User': 'admin' } });
      // The wording differs across versions (1.36's constrained impersonation names the verb `impersonate-on:…`).
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
      expect(String(refused.body.message)).toMatch(/cannot impersonate/);
    });

    it('grants through a ClusterRole bound to a group', async () => {
      const ns = await suite.namespace();
      const group = suite.userName('viewers');
      const user = suite.userName('grouped');
      const roleName = suite.userName('protocol-widget-viewer');
      const role = await suite.admin.post('/apis/rbac.authorization.k8s.io/v1/clusterroles', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: roleName },
        rules: [{ apiGroups: [GROUP], resources: ['*'], verbs: ['get', 'list'] }],
      });
      expect(role.status).toBe(201);
      try {
        const binding = await suite.admin.post(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`, {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'viewers' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
          subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
        });
        expect(binding.status).toBe(201);
        const client = await suite.clientFor(user, [group]);
        await eventually(async () => (await client.get(widgetsPath(ns))).status === 200);
        expect((await client.get(`/apis/${GROUP}/${VERSION}/${PLURAL}`)).status).toBe(403);
      } finally {
        await suite.admin.delete(`/apis/rbac.authorization.k8s.io/v1/clusterroles/${roleName}`);
      }
    });
  });
}
