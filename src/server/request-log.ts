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
}

/** Verbs that change stored state. */
export const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);
