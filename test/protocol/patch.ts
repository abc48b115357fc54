// Patch kinds and the status subresource.

import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { widget, widgetsPath } from './fixtures.js';

type Obj = Record<string, unknown> & {
  metadata: Record<string, unknown> & { resourceVersion: string; labels?: Record<string, string>; managedFields?: unknown[] };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};

export function definePatchTests(suite: SuiteContext): void {
  describe('patch', () => {
    it('applies a JSON merge patch, null removing a field', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('m', { size: 1, color: 'red', label: 'x' }));
      const patched = await suite.admin.patch<Obj>(widgetsPath(ns, 'm'), { spec: { size: 2, label: null } }, 'application/merge-patch+json');
      expect(patched.status).toBe(200);
      expect(patched.body.spec).toMatchObject({ size: 2, color: 'red' });
      expect(patched.body.spec).not.toHaveProperty('label');
    });

    it('applies a JSON patch and rejects a failing test operation without writing', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('j', { size: 1, tags: ['a'] }));
      const patched = await suite.admin.patch<Obj>(
        widgetsPath(ns, 'j'),
        [
          { op: 'replace', path: '/spec/size', value: 7 },
          { op: 'add', path: '/spec/tags/-', value: 'b' },
        ],
        'application/json-patch+json',
      );
      expect(patched.status).toBe(200);
      expect(patched.body.spec).toMatchObject({ size: 7, tags: ['a', 'b'] });
      const failed = await suite.admin.patch(
        widgetsPath(ns, 'j'),
        [
          { op: 'test', path: '/spec/size', value: 1 },
          { op: 'replace', path: '/spec/size', value: 8 },
        ],
        'application/json-patch+json',
      );
      expect(failed.status).toBe(422);
      expect(failed.body).toMatchObject({ reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
      const missing = await suite.admin.patch(widgetsPath(ns, 'j'), [{ op: 'remove', path: '/spec/nope' }], 'application/json-patch+json');
      expect(missing.status).toBe(422);
      const unknownOp = await suite.admin.patch(widgetsPath(ns, 'j'), [{ op: 'frob', path: '/spec/size' }], 'application/json-patch+json');
      expect(unknownOp.status).toBe(422);
      expect((await suite.admin.get<Obj>(widgetsPath(ns, 'j'))).body.spec).toMatchObject({ size: 7 });
    });

    it('requires a fieldManager for server-side apply (422 on PatchOptions)', async () => {
      const ns = await suite.namespace();
      const response = await suite.admin.patch(widgetsPath(ns, 'nomanager'), widget('nomanager'), 'application/apply-patch+yaml');
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        reason: 'Invalid',
        message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        details: { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', field: 'fieldManager' }] },
      });
    });

    it('rejects a malformed patch body with 400 and writes nothing', async () => {
      const ns = await suite.namespace();
      const created = await suite.admin.post<Obj>(widgetsPath(ns), widget('bad'));
      const malformed = await suite.admin.patch(widgetsPath(ns, 'bad'), '{"spec": ', 'application/merge-patch+json');
      expect(malformed.status).toBe(400);
      expect(malformed.body).toMatchObject({ kind: 'Status', reason: 'BadRequest' });
      for (const [body, type] of [
        [[1], 'application/merge-patch+json'],
        [{ op: 'add' }, 'application/json-patch+json'],
      ] as const) {
        const wrongShape = await suite.admin.patch(widgetsPath(ns, 'bad'), body, type);
        expect(wrongShape.status).toBe(400);
        expect(String(wrongShape.body.message)).toMatch(/^error decoding patch: /);
      }
      expect((await suite.admin.get<Obj>(widgetsPath(ns, 'bad'))).body.metadata.resourceVersion).toBe(created.body.metadata.resourceVersion);
    });

    it('does not accept a strategic merge patch for a custom resource (415)', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('s'));
      const strategic = await suite.admin.patch(widgetsPath(ns, 's'), { spec: { size: 3 } }, 'application/strategic-merge-patch+json');
      expect(strategic.status).toBe(415);
      expect(strategic.body).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType' });
    });

    it('accepts a strategic merge patch for a built-in kind', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(`/api/v1/namespaces/${ns}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } });
      const patched = await suite.admin.patch<{ data: Record<string, string> }>(
        `/api/v1/namespaces/${ns}/configmaps/cm`,
        { data: { b: '2' } },
        'application/strategic-merge-patch+json',
      );
      expect(patched.status).toBe(200);
      expect(patched.body.data).toEqual({ a: '1', b: '2' });
    });

    it('creates and then updates with server-side apply', async () => {
      const ns = await suite.namespace();
      const path = `${widgetsPath(ns, 'ssa')}?fieldManager=protocol-suite`;
      const created = await suite.admin.patch<Obj>(path, widget('ssa', { size: 1, color: 'red' }), 'application/apply-patch+yaml');
      expect(created.status).toBe(201);
      const updated = await suite.admin.patch<Obj>(path, widget('ssa', { size: 2, color: 'red' }), 'application/apply-patch+yaml');
      expect(updated.status).toBe(200);
      expect(updated.body.spec).toMatchObject({ size: 2, color: 'red' });
      expect(updated.body.metadata).toMatchObject({ generation: 2 });
      const again = await suite.admin.patch<Obj>(path, widget('ssa', { size: 2, color: 'red' }), 'application/apply-patch+yaml');
      expect(again.body.metadata.resourceVersion).toBe(updated.body.metadata.resourceVersion);
    });

    it('removes a field the manager stops applying, and reports conflicts with another manager unless forced', async () => {
      const ns = await suite.namespace();
      const as = (manager: string, force = false) => `${widgetsPath(ns, 'owned')}?fieldManager=${manager}${force ? '&force=true' : ''}`;
      await suite.admin.patch(as('alpha'), widget('owned', { size: 1, color: 'red', label: 'x' }), 'application/apply-patch+yaml');
      const dropped = await suite.admin.patch<Obj>(as('alpha'), widget('owned', { size: 1, color: 'red' }), 'application/apply-patch+yaml');
      expect(dropped.status).toBe(200);
      expect(dropped.body.spec).not.toHaveProperty('label');
      expect(dropped.body.spec).toMatchObject({ mode: 'auto' });

      const conflicting = await suite.admin.patch<{ reason: string; code: number; message: string; details: { causes: { reason: string; field: string }[] } }>(
        as('beta'),
        widget('owned', { size: 1, color: 'blue' }),
        'application/apply-patch+yaml',
      );
      expect(conflicting.status).toBe(409);
      expect(conflicting.body).toMatchObject({ reason: 'Conflict', code: 409 });
      expect(conflicting.body.message).toContain('conflict with "alpha"');
      expect(conflicting.body.details.causes).toEqual(
        expect.arrayContaining([expect.objectContaining({ reason: 'FieldManagerConflict', field: '.spec.color' })]),
      );

      const forced = await suite.admin.patch<Obj>(as('beta', true), widget('owned', { size: 1, color: 'blue' }), 'application/apply-patch+yaml');
      expect(forced.status).toBe(200);
      expect(forced.body.spec).toMatchObject({ color: 'blue', size: 1 });
      const managers = ((forced.body.metadata.managedFields ?? []) as { manager: string; operation: string }[]).map(
        (entry) => `${entry.manager}/${entry.operation}`,
      );
      expect(managers).toEqual(expect.arrayContaining(['alpha/Apply', 'beta/Apply']));
    });
  });

  describe('status subresource', () => {
    it('ignores status on the main endpoint and everything but status on /status', async () => {
      const ns = await suite.namespace();
      const created = await suite.admin.post<Obj>(widgetsPath(ns), { ...widget('st'), status: { phase: 'Ignored' } });
      expect(created.body.status?.phase).toBeUndefined();

      const viaMain = await suite.admin.patch<Obj>(widgetsPath(ns, 'st'), { spec: { size: 2 }, status: { phase: 'Main' } }, 'application/merge-patch+json');
      expect(viaMain.body.spec).toMatchObject({ size: 2 });
      expect(viaMain.body.status?.phase).toBeUndefined();

      const viaStatus = await suite.admin.patch<Obj>(
        widgetsPath(ns, 'st', 'status'),
        { spec: { size: 99 }, status: { phase: 'Ready', observed: 2 } },
        'application/merge-patch+json',
      );
      expect(viaStatus.status).toBe(200);
      expect(viaStatus.body.status).toEqual({ phase: 'Ready', observed: 2 });
      expect(viaStatus.body.spec).toMatchObject({ size: 2 });

      const current = await suite.admin.get<Obj>(widgetsPath(ns, 'st', 'status'));
      expect(current.status).toBe(200);
      const replaced = await suite.admin.put<Obj>(widgetsPath(ns, 'st', 'status'), { ...current.body, status: { phase: 'Done' } });
      expect(replaced.status).toBe(200);
      expect(replaced.body.status).toEqual({ phase: 'Done' });
    });
  });
}
