// Parses a request path and method into Kubernetes request attributes
// (the equivalent of kube-apiserver's RequestInfo).

export interface ResourceRequest {
  kind: 'resource';
  verb: string;
  /** '' for the core group. */
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface NonResourceRequest {
  kind: 'nonResource';
  verb: string;
  path: string;
}

export type RequestInfo = ResourceRequest | NonResourceRequest;

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function isWatch(query: URLSearchParams): boolean {
  const watch = query.get('watch');
  return watch === 'true' || watch === '1';
}

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map(decodeURIComponent);
  const lowerMethod = method.toLowerCase();
  let rest: string[];
  let group: string;
  let version: string;
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1] ?? '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1] ?? '';
    version = segments[2] ?? '';
    rest = segments.slice(3);
  } else {
    return { kind: 'nonResource', verb: lowerMethod, path };
  }

  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && !(rest.length === 3 && NAMESPACE_SUBRESOURCES.has(rest[2] ?? ''))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [resource = '', name, subresource] = rest;
  if (resource === 'namespaces' && name) namespace = name;
  const verb = verbOf(lowerMethod, name !== undefined, query);
  const request: ResourceRequest = { kind: 'resource', verb, group, version, resource };
  if (namespace !== undefined) request.namespace = namespace;
  if (name !== undefined) request.name = name;
  // A list or watch narrowed to one name is authorized for that name (RBAC resourceNames).
  const selectedName = verb === 'list' || verb === 'watch' ? nameFromFieldSelector(query.get('fieldSelector')) : undefined;
  if (name === undefined && selectedName !== undefined) request.name = selectedName;
  if (subresource !== undefined) request.subresource = subresource;
  return request;
}

function nameFromFieldSelector(selector: string | null): string | undefined {
  const match = /^\s*metadata\.name\s*==?\s*([^,\s]+)\s*$/.exec(selector ?? '');
  return match?.[1];
}

function verbOf(method: string, hasName: boolean, query: URLSearchParams): string {
  switch (method) {
    case 'get':
    case 'head':
      if (isWatch(query)) return 'watch';
      return hasName ? 'get' : 'list';
    case 'post':
      return 'create';
    case 'put':
      return 'update';
    case 'patch':
      return 'patch';
    case 'delete':
      return hasName ? 'delete' : 'deletecollection';
    default:
      return method;
  }
}
