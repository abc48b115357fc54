// Discovery documents and malformed requests.

import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { API_VERSION, GROUP, KIND, PLURAL, VERSION, widget, widgetsPath } from './fixtures.js';

type ResourceList = {
  kind: string;
  groupVersion: string;
  resources: { name: string; namespaced: boolean; kind: string; verbs: string[]; shortNames?: string[] }[];
};

export function defineRequestTests(suite: SuiteContext): void {
  describe('discovery', () => {
    it('serves /version, /api, /apis and group-version resource lists', async () => {
      const version = await suite.admin.get<{ major: string; gitVersion: string }>('/version');
      expect(version.status).toBe(200);
      expect(version.body.gitVersion).toMatch(/^v1\.\d+/);
      const api = await suite.admin.get<{ kind: string; versions: string[] }>('/api');
      expect(api.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
      const apis = await suite.admin.get<{ kind: string; groups: { name: string; preferredVersion: { version: string } }[] }>('/apis');
      expect(apis.body.kind).toBe('APIGroupList');
      expect(apis.body.groups.find((group) => group.name === GROUP)?.preferredVersion.version).toBe(VERSION);
      expect(apis.body.groups.map((group) => group.name)).toEqual(expect.arrayContaining(['rbac.authorization.k8s.io', 'apiextensions.k8s.io']));
      const core = await suite.admin.get<ResourceList>('/api/v1');
      expect(core.body.resources.find((resource) => resource.name === 'namespaces')).toMatchObject({ namespaced: false, kind: 'Namespace' });
      const list = await suite.admin.get<ResourceList>(`/apis/${GROUP}/${VERSION}`);
      expect(list.body).toMatchObject({ kind: 'APIResourceList', groupVersion: API_VERSION });
      const widgets = list.body.resources.find((resource) => resource.name === PLURAL);
      expect(widgets).toMatchObject({ namespaced: true, kind: KIND, shortNames: ['wdg'] });
      expect(widgets?.verbs).toEqual(expect.arrayContaining(['create', 'get', 'list', 'watch', 'patch', 'update', 'delete']));
      expect(list.body.resources.map((resource) => resource.name)).toContain(`${PLURAL}/status`);
    });

    it('answers health checks without credentials', async () => {
      for (const path of ['/healthz', '/livez', '/readyz']) {
        const health = await suite.admin.get(path, { anonymous: true });
        expect(health.status).toBe(200);
      }
    });

    it('answers 404 for an unknown resource: a Status in the core group, plain text in a CRD group', async () => {
      const core = await suite.admin.get('/api/v1/namespaces/default/nonexistents');
      expect(core.status).toBe(404);
      expect(core.body).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
      const custom = await suite.admin.get(`/apis/${GROUP}/${VERSION}/namespaces/default/nonexistents`);
      expect(custom.status).toBe(404);
      expect(custom.headers['content-type']).toMatch(/^text\/plain/);
      expect(custom.body).toEqual({ text: '404 page not found\n' });
    });
  });

  describe('malformed requests', () => {
    it('rejects a body that is not JSON with 400 and stores nothing', async () => {
      const ns = await suite.namespace();
      const response = await suite.admin.request('POST', widgetsPath(ns), { rawBody: '{"apiVersion": "x", ', contentType: 'application/json' });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
      const listed = await suite.admin.get<{ items: unknown[] }>(widgetsPath(ns));
      expect(listed.body.items).toEqual([]);
    });

    it('rejects a body of another kind (422 Invalid) or apiVersion (400 BadRequest)', async () => {
      const ns = await suite.namespace();
      const wrongKind = await suite.admin.post(widgetsPath(ns), { ...widget('w'), kind: 'Gadget' });
      expect(wrongKind.status).toBe(422);
      expect(wrongKind.body).toMatchObject({
        reason: 'Invalid',
        message: `Gadget.${GROUP} "w" is invalid: kind: Invalid value: "Gadget": must be ${KIND}`,
        details: {
          name: 'w',
          group: GROUP,
          kind: 'Gadget',
          causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: "Gadget": must be ${KIND}`, field: 'kind' }],
        },
      });
      const wrongVersion = await suite.admin.post(widgetsPath(ns), { ...widget('w'), apiVersion: `${GROUP}/v9` });
      expect(wrongVersion.status).toBe(400);
      expect(wrongVersion.body).toMatchObject({
        reason: 'BadRequest',
        message: `the API version in the data (${GROUP}/v9) does not match the expected API version (${API_VERSION})`,
      });
      expect((await suite.admin.get(widgetsPath(ns, 'w'))).status).toBe(404);
    });

    it('answers 400 "name must be provided" for an update or patch of a collection', async () => {
      const ns = await suite.namespace();
      const put = await suite.admin.put(widgetsPath(ns), widget('w'));
      expect(put.status).toBe(400);
      expect(put.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400, message: 'name must be provided' });
      const patch = await suite.admin.patch(widgetsPath(ns), { spec: { size: 2 } }, 'application/merge-patch+json');
      expect(patch.body).toMatchObject({ reason: 'BadRequest', message: 'name must be provided' });
    });

    it('rejects invalid write options with 422 on CreateOptions', async () => {
      const ns = await suite.namespace();
      const validation = await suite.admin.post(`${widgetsPath(ns)}?fieldValidation=Bogus`, widget('w'));
      expect(validation.status).toBe(422);
      expect(validation.body).toMatchObject({
        reason: 'Invalid',
        message: 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Bogus": supported values: "", "Ignore", "Strict", "Warn"',
        details: { group: 'meta.k8s.io', kind: 'CreateOptions', causes: [{ reason: 'FieldValueNotSupported', field: 'fieldValidation' }] },
      });
      const dryRun = await suite.admin.post(`${widgetsPath(ns)}?dryRun=Some`, widget('w'));
      expect(dryRun.status).toBe(422);
      expect(dryRun.body).toMatchObject({
        reason: 'Invalid',
        message: 'CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Some"]: supported values: "All"',
      });
      expect((await suite.admin.get(widgetsPath(ns, 'w'))).status).toBe(404);
    });

    it('refuses to create an object that carries a resourceVersion', async () => {
      const ns = await suite.namespace();
      const response = await suite.admin.post(widgetsPath(ns), { ...widget('versioned'), metadata: { name: 'versioned', resourceVersion: '5' } });
      expect(response.status).toBe(500);
      expect(response.body).toMatchObject({ kind: 'Status', status: 'Failure', message: 'resourceVersion should not be set on objects to be created' });
      expect((await suite.admin.get(widgetsPath(ns, 'versioned'))).status).toBe(404);
    });

    it('rejects invalid label keys and values with 422', async () => {
      const ns = await suite.namespace();
      const value = await suite.admin.post<{ reason: string; details: { causes: { field: string; message: string }[] } }>(
        widgetsPath(ns),
        widget('lv', { size: 1 }, { labels: { tier: 'not valid!' } }),
      );
      expect(value.status).toBe(422);
      expect(value.body.details.causes[0]).toMatchObject({
        field: 'metadata.labels',
        message: expect.stringContaining('Invalid value: "not valid!": a valid label must be an empty string'),
      });
      const key = await suite.admin.post(widgetsPath(ns), widget('lk', { size: 1 }, { labels: { 'bad key': 'x' } }));
      expect(key.status).toBe(422);
    });

    it('answers an unknown subresource of a custom resource as not found', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('sub'));
      const response = await suite.admin.get(widgetsPath(ns, 'sub', 'scale'));
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ kind: 'Status', reason: 'NotFound' });
    });

    it('rejects an invalid name with 422', async () => {
      const ns = await suite.namespace();
      const response = await suite.admin.post<{ reason: string; details: { causes: { field: string }[] } }>(widgetsPath(ns), widget('Not_Valid'));
      expect(response.status).toBe(422);
      expect(response.body.reason).toBe('Invalid');
      expect(response.body.details.causes[0]?.field).toBe('metadata.name');
    });

    it('rejects an oversized body with 413', async () => {
      const ns = await suite.namespace();
      const huge = JSON.stringify(widget('huge', { size: 1, note: 'x'.repeat(4 * 1024 * 1024) }));
      const response = await suite.admin.request('POST', widgetsPath(ns), { rawBody: huge, contentType: 'application/json' });
      expect(response.status).toBe(413);
      expect((await suite.admin.get(widgetsPath(ns, 'huge'))).status).toBe(404);
    });
  });
}
