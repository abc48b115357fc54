// Routes an authenticated request: discovery and other non-resource paths,
// the review endpoints, and stored resources (after RBAC authorization).

import type { IncomingHttpHeaders } from 'node:http';
import type { ServerCore } from './context.js';
import { SERVER_VERSION, apiVersions, groupDocument, groupList, resourceList } from './discovery.js';
import { openApiV2, openApiV3Index, openApiV3GroupVersion } from './openapi.js';
import { OPENAPI_V2_PROTOBUF, encodeOpenApiV2, wantsOpenApiProtobuf } from './openapi-v2-protobuf.js';
import { forbidden } from './rbac.js';
import type { RequestInfo } from './request-info.js';
import { ResourceHandlers, type HandlerResult } from './resource-handlers.js';
import { decodeRequestObject } from './body.js';
import { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview } from './reviews.js';
import { methodNotAllowed, pageNotFound, plainNotFound } from './status.js';
import type { UserIdentity } from './types.js';

/** Groups compiled into kube-apiserver; unknown resources there get a Status, elsewhere a plain-text 404. */
const NATIVE_GROUPS = new Set(['', 'rbac.authorization.k8s.io', 'apiextensions.k8s.io', 'authorization.k8s.io', 'authentication.k8s.io']);

export interface RoutedRequest {
  info: RequestInfo;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  user: UserIdentity;
  /** host:port clients used to reach us, for /api's serverAddressByClientCIDRs. */
  serverAddress: string;
}

export class Router {
  private readonly handlers: ResourceHandlers;

  constructor(private readonly core: ServerCore) {
    this.handlers = new ResourceHandlers(core);
  }

  route(request: RoutedRequest): HandlerResult {
    const { info } = request;
    if (info.kind === 'nonResource') {
      if (request.path.replace(/\/+$/, '') === '/openapi/v2' && wantsOpenApiProtobuf(request.headers.accept)) {
        return { status: 200, raw: encodeOpenApiV2(openApiV2(this.core.registry)), contentType: OPENAPI_V2_PROTOBUF };
      }
      return { status: 200, body: this.nonResource(request) };
    }
    const { registry } = this.core;
    const resource = registry.find(info.group, info.version, info.resource);
    if (!resource) throw NATIVE_GROUPS.has(info.group) ? pageNotFound() : plainNotFound();
    if (info.group === 'authorization.k8s.io' || info.group === 'authentication.k8s.io') {
      if (info.verb !== 'create') throw methodNotAllowed();
      return { status: 201, body: this.review(info.resource, request) };
    }
    const attributes = {
      verb: info.verb,
      group: info.group,
      resource: info.resource,
      ...(info.subresource !== undefined ? { subresource: info.subresource } : {}),
      ...(info.name !== undefined ? { name: info.name } : {}),
      ...(info.namespace !== undefined ? { namespace: info.namespace } : {}),
    };
    if (!this.core.authorizer.authorize(request.user, attributes).allowed) throw forbidden(request.user, attributes);
    return this.handlers.handle({ info, resource, query: request.query, headers: request.headers, body: request.body, user: request.user });
  }

  private review(resource: string, request: RoutedRequest): unknown {
    const review = () => decodeRequestObject(request.body, request.headers['content-type']);
    switch (resource) {
      case 'selfsubjectaccessreviews':
        return selfSubjectAccessReview(this.core.authorizer, request.user, review());
      case 'selfsubjectrulesreviews':
        return selfSubjectRulesReview(this.core.store, request.user, review());
      case 'selfsubjectreviews':
        return selfSubjectReview(request.user);
      default:
        throw pageNotFound();
    }
  }

  private nonResource(request: RoutedRequest): unknown {
    if (request.info.verb !== 'get') throw methodNotAllowed();
    const { registry } = this.core;
    const segments = request.path.split('/').filter((segment) => segment !== '');
    const [first, second, third] = segments;
    if (first === 'version' && segments.length === 1) return SERVER_VERSION;
    if (first === 'api' && segments.length === 1) return apiVersions(request.serverAddress);
    if (first === 'api' && second && segments.length === 2) {
      const document = resourceList(registry, '', second);
      if (document) return document;
    }
    if (first === 'apis' && segments.length === 1) return groupList(registry);
    if (first === 'apis' && second && segments.length === 2) {
      const versions = registry.groups().get(second);
      if (versions) return groupDocument(second, versions);
    }
    if (first === 'apis' && second && third && segments.length === 3) {
      const document = resourceList(registry, second, third);
      if (document) return document;
    }
    if (first === 'openapi' && second === 'v2' && segments.length === 2) return openApiV2(registry);
    if (first === 'openapi' && second === 'v3' && segments.length === 2) return openApiV3Index(registry);
    if (first === 'openapi' && second === 'v3' && segments.length >= 3) {
      const document = openApiV3GroupVersion(registry, segments.slice(2).join('/'));
      if (document) return document;
    }
    throw plainNotFound();
  }
}
