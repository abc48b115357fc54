// Watch: event order, resumption from a resourceVersion, 410 for a too-old one,
// selectors, and timeoutSeconds.

import { describe, expect, it } from 'vitest';
import type { WatchEventLite, WatchStream } from './api-client.js';
import type { SuiteContext } from './context.js';
import { widget, widgetsPath } from './fixtures.js';

type Obj = { metadata: { name: string; resourceVersion: string } };

async function collect(stream: WatchStream, count: number): Promise<WatchEventLite[]> {
  const events: WatchEventLite[] = [];
  while (events.length < count) {
    const event = await stream.next();
    if (!event) break;
    if (event.type !== 'BOOKMARK') events.push(event);
  }
  return events;
}

function summary(events: WatchEventLite[]): string[] {
  return events.map((event) => `${event.type} ${event.object.metadata?.name ?? ''}`);
}

export function defineWatchTests(suite: SuiteContext): void {
  describe('watch', () => {
    it('streams ADDED, MODIFIED and DELETED after a list', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('before'));
      const listed = await suite.admin.get<{ metadata: { resourceVersion: string } }>(widgetsPath(ns));
      const stream = await suite.admin.watch(`${widgetsPath(ns)}?watch=true&resourceVersion=${listed.body.metadata.resourceVersion}`);
      try {
        await suite.admin.post(widgetsPath(ns), widget('w1'));
        await suite.admin.patch(widgetsPath(ns, 'w1'), { spec: { size: 5 } }, 'application/merge-patch+json');
        await suite.admin.delete(widgetsPath(ns, 'w1'));
        const events = await collect(stream, 3);
        expect(summary(events)).toEqual(['ADDED w1', 'MODIFIED w1', 'DELETED w1']);
        const versions = events.map((event) => Number(event.object.metadata?.resourceVersion));
        expect(versions[0]).toBeLessThan(versions[1] ?? 0);
        expect(versions[1]).toBeLessThan(versions[2] ?? 0);
      } finally {
        stream.close();
      }
    });

    it('sends existing objects as ADDED when no resourceVersion is given', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('x1'));
      await suite.admin.post(widgetsPath(ns), widget('x2'));
      const stream = await suite.admin.watch(`${widgetsPath(ns)}?watch=true`);
      try {
        expect(summary(await collect(stream, 2)).sort()).toEqual(['ADDED x1', 'ADDED x2']);
      } finally {
        stream.close();
      }
    });

    it('resumes from a resourceVersion with exactly the later events', async () => {
      const ns = await suite.namespace();
      const first = await suite.admin.post<Obj>(widgetsPath(ns), widget('r1'));
      await suite.admin.post(widgetsPath(ns), widget('r2'));
      await suite.admin.patch(widgetsPath(ns, 'r1'), { spec: { size: 3 } }, 'application/merge-patch+json');
      const stream = await suite.admin.watch(`${widgetsPath(ns)}?watch=true&resourceVersion=${first.body.metadata.resourceVersion}`);
      try {
        expect(summary(await collect(stream, 2))).toEqual(['ADDED r2', 'MODIFIED r1']);
      } finally {
        stream.close();
      }
    });

    it('answers 410 Expired for a resourceVersion that is too old', async () => {
      const ns = await suite.namespace();
      await suite.admin.post(widgetsPath(ns), widget('old'));
      const stream = await suite.admin.watch(`${widgetsPath(ns)}?watch=true&resourceVersion=1`);
      try {
        const event = await stream.next();
        expect(event?.type === 'ERROR' || event?.type === 'HTTP_ERROR').toBe(true);
        expect(event?.object).toMatchObject({ kind: 'Status', code: 410 });
        expect(['Expired', 'Gone']).toContain(event?.object.reason);
      } finally {
        stream.close();
      }
    });

    it('filters events by label selector, reporting objects that leave it as DELETED', async () => {
      const ns = await suite.namespace();
      const listed = await suite.admin.get<{ metadata: { resourceVersion: string } }>(widgetsPath(ns));
      const stream = await suite.admin.watch(`${widgetsPath(ns)}?watch=true&labelSelector=team%3Dblue&resourceVersion=${listed.body.metadata.resourceVersion}`);
      try {
        await suite.admin.post(widgetsPath(ns), widget('red', { size: 1 }, { labels: { team: 'red' } }));
        await suite.admin.post(widgetsPath(ns), widget('blue', { size: 1 }, { labels: { team: 'blue' } }));
        await suite.admin.patch(widgetsPath(ns, 'blue'), { metadata: { labels: { team: 'green' } } }, 'application/merge-patch+json');
        expect(summary(await collect(stream, 2))).toEqual(['ADDED blue', 'DELETED blue']);
      } finally {
        stream.close();
      }
    });

    it('watches a single object through a metadata.name field selector', async () => {
      const ns = await suite.namespace();
      const listed = await suite.admin.get<{ metadata: { resourceVersion: string } }>(widgetsPath(ns));
      const stream = await suite.admin.watch(
        `${widgetsPath(ns)}?watch=true&fieldSelector=metadata.name%3Dme&resourceVersion=${listed.body.metadata.resourceVersion}`,
      );
      try {
        await suite.admin.post(widgetsPath(ns), widget('other'));
        await suite.admin.post(widgetsPath(ns), widget('me'));
        await suite.admin.patch(widgetsPath(ns, 'other'), { spec: { size: 2 } }, 'application/merge-patch+json');
        await suite.admin.patch(widgetsPath(ns, 'me'), { spec: { size: 2 } }, 'application/merge-patch+json');
        expect(summary(await collect(stream, 2))).toEqual(['ADDED me', 'MODIFIED me']);
      } finally {
        stream.close();
      }
    });

    it('ends the stream after timeoutSeconds', async () => {
      const ns = await suite.namespace();
      const started = Date.now();
      const stream = await suite.admin.watch(`${widgetsPath(ns)}?watch=true&timeoutSeconds=1`);
      await stream.ended;
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(8000);
    });
  });
}
