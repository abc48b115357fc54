// Watch streams: newline-delimited JSON events over a chunked response, resumed
// from the store's change history, with bookmarks, timeouts and fault-injected drops.

import type { ServerResponse } from 'node:http';
import { apiVersionOf } from './objects.js';
import type { ServedResource } from './registry.js';
import type { Matcher } from './selectors.js';
import { gone } from './status.js';
import type { ChangeEvent, ObjectStore } from './storage.js';
import { toTable } from './table.js';
import type { StoredObject } from './types.js';

export interface WatchRequest {
  resource: ServedResource;
  resourceKey: string;
  namespace?: string;
  matches: Matcher;
  resourceVersion: string | null;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  /** Render each event's object as a one-row Table (kubectl get -w). */
  table: boolean;
  includeObject: string | null;
}

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export class WatchHub {
  private readonly active = new Set<ServerResponse>();

  constructor(
    private readonly store: ObjectStore,
    private readonly bookmarkIntervalMs: number,
    private readonly now: () => Date,
  ) {}

  get openCount(): number {
    return this.active.size;
  }

  open(response: ServerResponse, request: WatchRequest): void {
    const { store } = this;
    const render = (type: EventType | 'BOOKMARK', object: StoredObject | Record<string, unknown>): string => {
      const payload =
        request.table && type !== 'BOOKMARK' ? toTable(request.resource, [object as StoredObject], {}, this.now(), request.includeObject) : object;
      return `${JSON.stringify({ type, object: payload })}\n`;
    };

    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    response.flushHeaders();

    const version = request.resourceVersion;
    let replay: ChangeEvent[] = [];
    if (version && version !== '0') {
      const since = Number(version);
      const events = Number.isFinite(since) ? store.eventsSince(request.resourceKey, since) : undefined;
      if (!events) {
        const error = gone(`too old resource version: ${version} (${store.oldestResumableVersion})`);
        response.end(`${JSON.stringify({ type: 'ERROR', object: error.toStatus() })}\n`);
        return;
      }
      replay = events;
    }

    const inScope = (object: StoredObject): boolean =>
      (request.namespace === undefined || object.metadata.namespace === request.namespace) && request.matches(object);

    const deliver = (event: ChangeEvent): void => {
      if (event.resourceKey !== request.resourceKey) return;
      const now = inScope(event.object);
      if (event.type === 'MODIFIED' && event.previous) {
        const before = inScope(event.previous);
        if (now && before) response.write(render('MODIFIED', event.object));
        else if (now) response.write(render('ADDED', event.object));
        else if (before) response.write(render('DELETED', event.object));
        return;
      }
      if (now) response.write(render(event.type, event.object));
    };

    const unsubscribe = store.subscribe(deliver);
    this.active.add(response);
    if (!version || version === '0') {
      for (const object of store.list(request.resourceKey, request.namespace)) {
        if (request.matches(object)) response.write(render('ADDED', object));
      }
    } else {
      for (const event of replay) deliver(event);
    }

    const timers: NodeJS.Timeout[] = [];
    if (request.allowBookmarks) {
      timers.push(
        setInterval(() => {
          const bookmark = {
            kind: request.resource.kind,
            apiVersion: apiVersionOf(request.resource),
            metadata: { resourceVersion: String(store.resourceVersion) },
          };
          response.write(render('BOOKMARK', bookmark));
        }, this.bookmarkIntervalMs),
      );
    }
    if (request.timeoutSeconds !== undefined && request.timeoutSeconds > 0) {
      timers.push(setTimeout(() => response.end(), request.timeoutSeconds * 1000));
    }
    response.on('close', () => {
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      this.active.delete(response);
    });
  }

  /** Cuts every open watch connection abruptly; returns how many were cut. */
  dropAll(): number {
    const count = this.active.size;
    for (const response of this.active) response.destroy();
    this.active.clear();
    return count;
  }

  /** Ends every open watch cleanly (server shutdown). */
  endAll(): void {
    for (const response of this.active) response.end();
    this.active.clear();
  }
}
