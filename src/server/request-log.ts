// The request log tests read: one record per request, in arrival order.

export interface RequestRecord {
  method: string;
  path: string;
  query: string;
  status: number;
  user: string;
  verb: string;
  group: string;
  resource: string;
  namespace: string;
  name: string;
  subresource: string;
  /** Objects in the response body: a list's items, a Table's rows, 1 for an object, 0 for a Status or a watch. */
  objects: number;
}

/** How many objects a response body carries (see RequestRecord.objects). */
export function objectsIn(body: unknown): number {
  if (typeof body !== 'object' || body === null) return 0;
  const { items, rows, kind, metadata } = body as { items?: unknown; rows?: unknown; kind?: unknown; metadata?: unknown };
  if (Array.isArray(items)) return items.length;
  if (Array.isArray(rows)) return rows.length;
  return kind !== 'Status' && typeof metadata === 'object' && metadata !== null ? 1 : 0;
}

/** Verbs that change stored state. */
export const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
