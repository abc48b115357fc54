// Create, get, list (selectors, paging), update, conflicts, delete, finalizers, dry run.

import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { API_VERSION, GROUP, KIND, PLURAL, VERSION, widget, widgetsPath } from './fixtures.js';

type Obj = Record<string, unknown> & {
  metadata: Record<string, unknown> & { name: string; resourceVersion: string; generation?: number; uid?: string };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
};
type List = { kind: string; apiVersion: string; metadata: { resourceVersion: string; continue?: string }; items: Obj[] };

export function defineCrudTests(suite: SuiteContext): void {
  describe('create and get', () => {
    it('fills in system metadata, honours generateName and reads back what it stored', async () => {
      const ns = await suite.namespace();
      const created = await suite.admin.post<Obj>(widgetsPath(ns), {
        apiVersion: API_VERSION,
        kind: KIND,
        metadata: { generateName: 'gen-' },
        spec: { size: 3 },
      });
      expect(created.status).toBe(201);
      const meta = created.body.metadata;
      expect(meta.name).toMatch(/^gen-[a-z0-9]{5}$/);
      expect(meta.namespace).toBe(ns);
      expect(meta.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(meta.resourceVersion).toMatch(/^\d+$/);
      expect(meta.generation).toBe(1);
      expect(meta.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const fetched = await suite.admin.get<Obj>(widgetsPath(ns, meta.name));
      expect(fetched.status).toBe(200);
      expect(fetched.body).toMatchObject({ apiVersion: API_VERSION, kind: KIND, spec: { size: 3 } });
      expect(fetched.body.metadata.uid).toBe(meta.uid);
      expect(fetched.body.metadata.resourceVersion).toBe(meta.resourceVersion);
    });

    it('answers 409 AlreadyExists for a duplicate name', async () => {
      const ns = await suite.namespace();
      expect((await suite.admin.post(widgetsPath(ns), widget('dup'))).status).toBe(201);
      const again = await suite.admin.post(widgetsPath(ns), widget('dup'));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        kind: 'Status',
        status: 'Failure',
        reason: 'AlreadyExists',
        code: 409,
        message: `${PLURAL}.${GROUP} "dup" already exists`,
        details: { name: 'dup', group: GROUP, kind: PLURAL },
      });
    });

    it('answers 404 NotFound with details for a missing object and namespace', async () => {
      const ns = await suite.namespace();
      const missing = await suite.admin.get(widgetsPath(ns, 'nope'));
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({
        kind: 'Status',
        reason: 'NotFound',
        code: 404,
        message: `${PLURAL}.${GROUP} "nope" not found`,
        details: { name: 'nope', group: GROUP, kind: PLURAL },
      });
      const noNamespace = await suite.admin.post(widgetsPath(`${ns}-absent`), widget('w'));
      expect(noNamespace.status).toBe(404);
      expect(noNamespace.body).toMatchObject({ reason: 'NotFound', message: `namespaces "${ns}-absent" not found` });
    });

    it('does not persist a dryRun=All create', async () => {
      const ns = await suite.namespace();
      const dry = await suite.admin.post<Obj>(`${widgetsPath(ns)}?dryRun=All`, widget('dry'));
      expect(dry.status).toBe(201);
      expect(dry.body.metadata.name).toBe('dry');
      expect((await suite.admin.get(widgetsPath(ns, 'dry'))).status).toBe(404);
    });
  });

  describe('list', () => {
    async function seed(ns: string): Promise<void> {
      const labels: Record<string, Record<string, string>> = {
        a: { tier: 'web', env: 'prod' },
        b: { tier: 'web', env: 'dev' },
        c: { tier: 'db', env: 'prod' },
        d: { tier: 'cache' },
        e: {},
      };
      for (const [name, set] of Object.entries(labels)) {
        const created = await suite.admin.post(widgetsPath(ns), widget(name, { size: 1 }, { labels: set }));
        expect(created.status).toBe(201);
      }
    }

    async function names(path: string): Promise<string[]> {
      const listed = await suite.admin.get<List>(path);
      expect(listed.status, JSON.stringify(listed.body)).toBe(200);
      return listed.body.items.map((item) => item.metadata.name).sort();
    }

    it('returns a typed list with a resourceVersion', async () => {
      const ns = await suite.namespace();
      await seed(ns);
      const listed = await suite.admin.get<List>(widgetsPath(ns));
      expect(listed.body.kind).toBe(`${KIND}List`);
      expect(listed.body.apiVersion).toBe(API_VERSION);
      expect(listed.body.metadata.resourceVersion).toMatch(/^\d+$/);
      expect(listed.body.items.map((item) => item.metadata.name).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('filters by equality- and set-based label selectors', async () => {
      const ns = await suite.namespace();
      await seed(ns);
      const base = widgetsPath(ns);
      const q = (selector: string) => `${base}?labelSelector=${encodeURIComponent(selector)}`;
      expect(await names(q('tier=web'))).toEqual(['a', 'b']);
      expect(await names(q('tier==web,env=prod'))).toEqual(['a']);
      expect(await names(q('tier!=web'))).toEqual(['c', 'd', 'e']);
      expect(await names(q('tier in (db,cache)'))).toEqual(['c', 'd']);
      expect(await names(q('tier notin (web)'))).toEqual(['c', 'd', 'e']);
      expect(await names(q('env'))).toEqual(['a', 'b', 'c']);
      expect(await names(q('!env'))).toEqual(['d', 'e']);
    });

    it('filters by numeric Gt/Lt label selectors', async () => {
      const ns = await suite.namespace();
      for (const [name, rank] of [
        ['low', '1'],
        ['mid', '5'],
        ['high', '10'],
        ['word', 'ten'],
      ] as const) {
        await suite.admin.post(widgetsPath(ns), widget(name, { size: 1 }, { labels: { rank } }));
      }
      await suite.admin.post(widgetsPath(ns), widget('none'));
      expect(await names(`${widgetsPath(ns)}?labelSelector=${encodeURIComponent('rank>4')}`)).toEqual(['high', 'mid']);
      expect(await names(`${widgetsPath(ns)}?labelSelector=${encodeURIComponent('rank<5')}`)).toEqual(['low']);
    });

    it('filters by metadata.name and metadata.namespace field selectors', async () => {
      const ns = await suite.namespace();
      await seed(ns);
      expect(await names(`${widgetsPath(ns)}?fieldSelector=${encodeURIComponent('metadata.name=c')}`)).toEqual(['c']);
      expect(await names(`${widgetsPath(ns)}?fieldSelector=${encodeURIComponent('metadata.name!=c')}`)).toEqual(['a', 'b', 'd', 'e']);
      const clusterWide = `/apis/${GROUP}/${VERSION}/${PLURAL}?fieldSelector=${encodeURIComponent(`metadata.namespace=${ns}`)}`;
      expect(await names(clusterWide)).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('rejects a resourceVersion that is not a number', async () => {
      const ns = await suite.namespace();
      const listed = await suite.admin.get(`${widgetsPath(ns)}?resourceVersion=abc`);
      expect(listed.status).toBe(400);
      expect(listed.body).toMatchObject({ reason: 'BadRequest' });
      expect(String(listed.body.message)).toContain('invalid resource version');
      const watched = await suite.admin.watch(`${widgetsPath(ns)}?watch=true&resourceVersion=abc`);
      const event = await watched.next();
      watched.close();
      expect(event).toMatchObject({ type: 'HTTP_ERROR', object: { code: 500, kind: 'Status' } });
    });

    it('rejects a malformed selector with 400 BadRequest', async () => {
      const ns = await suite.namespace();
      const bad = await suite.admin.get(`${widgetsPath(ns)}?labelSelector=${encodeURIComponent('tier in (web')}`);
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
      const badField = await suite.admin.get(`${widgetsPath(ns)}?fieldSelector=${encodeURIComponent('spec.size=1')}`);
      expect(badField.status).toBe(400);
    });

    it('renders a meta.k8s.io Table with the CRD printer columns when asked (kubectl get)', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('tabled', { size: 3 }));
      const table = await suite.admin.get<{
        kind: string;
        apiVersion: string;
        columnDefinitions: { name: string; type: string }[];
        rows: { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
      }>(widgetsPath(ns), {
        accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
      });
      expect(table.status).toBe(200);
      expect(table.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
      expect(table.body.columnDefinitions.map((column) => column.name)).toEqual(['Name', 'Size', 'Age']);
      expect(table.body.rows).toHaveLength(1);
      expect(table.body.rows[0]?.cells.slice(0, 2)).toEqual(['tabled', 3]);
      expect(table.body.rows[0]?.cells[2]).toMatch(/^\d+s$/);
      expect(table.body.rows[0]?.object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'tabled' } });
    });

    it('pages with limit and continue without losing or repeating items', async () => {
      const ns = await suite.namespace();
      await seed(ns);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const path = `${widgetsPath(ns)}?limit=2${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
        const page = await suite.admin.get<List>(path);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((item) => item.metadata.name));
        token = page.body.metadata.continue || undefined;
        pages += 1;
      } while (token && pages < 10);
      expect(pages).toBe(3);
      expect(seen.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
      const unlimited = await suite.admin.get<List>(`${widgetsPath(ns)}?limit=-1`);
      expect(unlimited.status).toBe(200);
      expect(unlimited.body.items).toHaveLength(5);
    });
  });

  describe('update', () => {
    it('rejects a stale resourceVersion with 409 Conflict', async () => {
      const ns = await suite.namespace();
      const created = await suite.admin.post<Obj>(widgetsPath(ns), widget('w'));
      const first = { ...created.body, spec: { size: 2 } };
      const updated = await suite.admin.put<Obj>(widgetsPath(ns, 'w'), first);
      expect(updated.status).toBe(200);
      expect(updated.body.metadata.resourceVersion).not.toBe(created.body.metadata.resourceVersion);
      const stale = await suite.admin.put(widgetsPath(ns, 'w'), { ...created.body, spec: { size: 5 } });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({
        reason: 'Conflict',
        code: 409,
        message: `Operation cannot be fulfilled on ${PLURAL}.${GROUP} "w": the object has been modified; please apply your changes to the latest version and try again`,
      });
      expect((await suite.admin.get<Obj>(widgetsPath(ns, 'w'))).body.spec).toMatchObject({ size: 2 });
    });

    it('requires a resourceVersion to update a custom resource', async () => {
      const ns = await suite.namespace();
      const created = await suite.admin.post<Obj>(widgetsPath(ns), widget('unversioned'));
      const { resourceVersion: _dropped, ...metadata } = created.body.metadata;
      const response = await suite.admin.put<{ reason: string; details: { causes: { field: string; message: string }[] } }>(widgetsPath(ns, 'unversioned'), {
        ...created.body,
        metadata,
        spec: { size: 2 },
      });
      expect(response.status).toBe(422);
      expect(response.body.reason).toBe('Invalid');
      expect(response.body.details.causes).toEqual([
        expect.objectContaining({ field: 'metadata.resourceVersion', message: 'Invalid value: 0: must be specified for an update' }),
      ]);
    });

    it('bumps generation on spec changes only', async () => {
      const ns = await suite.namespace();
      const created = await suite.admin.post<Obj>(widgetsPath(ns), widget('g'));
      expect(created.body.metadata.generation).toBe(1);
      const labelled = await suite.admin.patch<Obj>(widgetsPath(ns, 'g'), { metadata: { labels: { x: 'y' } } }, 'application/merge-patch+json');
      expect(labelled.body.metadata.generation).toBe(1);
      const status = await suite.admin.patch<Obj>(widgetsPath(ns, 'g', 'status'), { status: { phase: 'Ready' } }, 'application/merge-patch+json');
      expect(status.body.metadata.generation).toBe(1);
      const spec = await suite.admin.patch<Obj>(widgetsPath(ns, 'g'), { spec: { size: 9 } }, 'application/merge-patch+json');
      expect(spec.body.metadata.generation).toBe(2);
    });

    it('does not write when an update changes nothing', async () => {
      const ns = await suite.namespace();
      const created = await suite.admin.post<Obj>(widgetsPath(ns), widget('same'));
      const again = await suite.admin.put<Obj>(widgetsPath(ns, 'same'), created.body);
      expect(again.status).toBe(200);
      expect(again.body.metadata.resourceVersion).toBe(created.body.metadata.resourceVersion);
    });
  });

  describe('delete', () => {
    it('deletes an object and then reports it missing', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('gone'));
      const deleted = await suite.admin.delete(widgetsPath(ns, 'gone'));
      expect(deleted.status).toBe(200);
      expect((await suite.admin.get(widgetsPath(ns, 'gone'))).status).toBe(404);
      expect((await suite.admin.delete(widgetsPath(ns, 'gone'))).status).toBe(404);
    });

    it('keeps an object with finalizers until they are removed', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('held', { size: 1 }, { finalizers: ['protocol.kargo.test/hold'] }));
      const deleting = await suite.admin.delete(widgetsPath(ns, 'held'));
      expect(deleting.status).toBe(200);
      const pending = await suite.admin.get<Obj>(widgetsPath(ns, 'held'));
      expect(pending.status).toBe(200);
      expect(pending.body.metadata.deletionTimestamp).toMatch(/Z$/);
      const released = await suite.admin.patch(widgetsPath(ns, 'held'), { metadata: { finalizers: null } }, 'application/merge-patch+json');
      expect(released.status).toBe(200);
      expect((await suite.admin.get(widgetsPath(ns, 'held'))).status).toBe(404);
    });

    it('deletes a collection by label selector', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('keep', { size: 1 }, { labels: { sweep: 'no' } }));
      await suite.admin.post(widgetsPath(ns), widget('sweep-1', { size: 1 }, { labels: { sweep: 'yes' } }));
      await suite.admin.post(widgetsPath(ns), widget('sweep-2', { size: 1 }, { labels: { sweep: 'yes' } }));
      const swept = await suite.admin.delete(`${widgetsPath(ns)}?labelSelector=sweep%3Dyes`);
      expect(swept.status).toBe(200);
      const left = await suite.admin.get<List>(widgetsPath(ns));
      expect(left.body.items.map((item) => item.metadata.name)).toEqual(['keep']);
    });

    it('honours a resourceVersion precondition', async () => {
      const ns = await suite.namespace();
      const created = await suite.admin.post<Obj>(widgetsPath(ns), widget('pre'));
      await suite.admin.patch(widgetsPath(ns, 'pre'), { spec: { size: 4 } }, 'application/merge-patch+json');
      const refused = await suite.admin.request('DELETE', widgetsPath(ns, 'pre'), {
        body: { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { resourceVersion: created.body.metadata.resourceVersion } },
      });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ reason: 'Conflict' });
      expect((await suite.admin.get(widgetsPath(ns, 'pre'))).status).toBe(200);
    });
  });
}
