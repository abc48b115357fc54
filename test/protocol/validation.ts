// CRD schema handling: validation errors (422 Invalid with causes), pruning of
// unknown fields, fieldValidation=Strict, preserve-unknown-fields, nullable, defaults.

import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { GROUP, KIND, widget, widgetsPath } from './fixtures.js';

type Cause = { reason?: string; field?: string; message?: string };
type Invalid = { kind: string; reason: string; code: number; message: string; details: { name: string; group: string; kind: string; causes: Cause[] } };
type Obj = { metadata: { name: string }; spec: Record<string, unknown> };

export function defineValidationTests(suite: SuiteContext): void {
  describe('CRD schema validation', () => {
    async function rejected(spec: Record<string, unknown>, name = 'bad'): Promise<Invalid> {
      const ns = await suite.namespace();
      const response = await suite.admin.post<Invalid>(widgetsPath(ns), widget(name, spec));
      expect(response.status, JSON.stringify(response.body)).toBe(422);
      expect(response.body).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422, details: { name, group: GROUP, kind: KIND } });
      expect(response.body.message.startsWith(`${KIND}.${GROUP} "${name}" is invalid: `)).toBe(true);
      expect((await suite.admin.get(widgetsPath(ns, name))).status).toBe(404);
      return response.body;
    }

    function causeFor(body: Invalid, field: string): Cause | undefined {
      return body.details.causes.find((cause) => cause.field === field);
    }

    it('requires required fields', async () => {
      const body = await rejected({ color: 'red' });
      expect(causeFor(body, 'spec.size')).toMatchObject({ reason: 'FieldValueRequired', message: 'Required value' });
      expect(body.message).toContain('spec.size: Required value');
    });

    it('checks types, enums, patterns and item counts', async () => {
      expect(causeFor(await rejected({ size: 'big' }), 'spec.size')).toMatchObject({ reason: 'FieldValueTypeInvalid' });
      const enumCause = causeFor(await rejected({ size: 1, color: 'pink' }), 'spec.color');
      expect(enumCause).toMatchObject({ reason: 'FieldValueNotSupported' });
      expect(enumCause?.message).toContain('supported values: "red", "green", "blue"');
      const patternCause = causeFor(await rejected({ size: 1, code: 'ABC' }), 'spec.code');
      expect(patternCause).toMatchObject({ reason: 'FieldValueInvalid' });
      expect(patternCause?.message).toContain("should match '^[a-z]+-[0-9]+$'");
      expect(causeFor(await rejected({ size: 1, tags: ['a', 'b', 'c', 'd'] }), 'spec.tags')).toMatchObject({ reason: 'FieldValueTooMany' });
      expect(causeFor(await rejected({ size: 1, owners: [] }), 'spec.owners')).toMatchObject({ reason: 'FieldValueInvalid' });
      expect(causeFor(await rejected({ size: -1 }), 'spec.size')).toMatchObject({ reason: 'FieldValueInvalid' });
    });

    it('accepts null only where the schema is nullable', async () => {
      const ns = await suite.namespace();
      const ok = await suite.admin.post(widgetsPath(ns), widget('nullable', { size: 1, note: null }));
      expect(ok.status).toBe(201);
      const notNullable = await suite.admin.post<Invalid>(widgetsPath(ns), widget('not-nullable', { size: 1, label: null }));
      expect([201, 422]).toContain(notNullable.status);
      if (notNullable.status === 201) expect((notNullable.body as unknown as Obj).spec).not.toHaveProperty('label');
    });

    it('prunes unknown fields but keeps x-kubernetes-preserve-unknown-fields subtrees', async () => {
      const ns = await suite.namespace();
      const created = await suite.admin.post<Obj>(
        widgetsPath(ns),
        widget('pruned', { size: 1, bogus: true, extra: { anything: { goes: [1, 2] } }, settings: { a: 'b' } }),
      );
      expect(created.status).toBe(201);
      expect(created.body.spec).not.toHaveProperty('bogus');
      expect(created.body.spec.extra).toEqual({ anything: { goes: [1, 2] } });
      expect(created.body.spec.settings).toEqual({ a: 'b' });
      const warning = String(created.headers.warning ?? '');
      expect(warning).toContain('unknown field \\"spec.bogus\\"');
      const stored = await suite.admin.get<Obj>(widgetsPath(ns, 'pruned'));
      expect(stored.body.spec).not.toHaveProperty('bogus');
    });

    it('rejects unknown fields with fieldValidation=Strict', async () => {
      const ns = await suite.namespace();
      const strict = await suite.admin.post<{ reason: string; message: string; code: number }>(
        `${widgetsPath(ns)}?fieldValidation=Strict`,
        widget('strict', { size: 1, bogus: true }),
      );
      expect(strict.status).toBe(400);
      expect(strict.body).toMatchObject({ reason: 'BadRequest', code: 400 });
      expect(strict.body.message).toContain('strict decoding error: unknown field "spec.bogus"');
      expect((await suite.admin.get(widgetsPath(ns, 'strict'))).status).toBe(404);
      const ignored = await suite.admin.post(`${widgetsPath(ns)}?fieldValidation=Ignore`, widget('ignored', { size: 1, bogus: true }));
      expect(ignored.status).toBe(201);
      expect(ignored.headers.warning).toBeUndefined();
    });

    it('applies schema defaults', async () => {
      const ns = await suite.namespace();
      const created = await suite.admin.post<Obj>(widgetsPath(ns), widget('defaulted', { size: 1 }));
      expect(created.body.spec.mode).toBe('auto');
    });

    it('validates updates and patches too, leaving the stored object unchanged', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('kept', { size: 1, color: 'red' }));
      const patched = await suite.admin.patch<Invalid>(widgetsPath(ns, 'kept'), { spec: { color: 'pink' } }, 'application/merge-patch+json');
      expect(patched.status).toBe(422);
      expect((await suite.admin.get<Obj>(widgetsPath(ns, 'kept'))).body.spec.color).toBe('red');
    });
  });
}
