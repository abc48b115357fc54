// metav1.Status errors with Kubernetes' codes, reasons and message wording.

import type { ServedResource } from './registry.js';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    /** Answer as Go's plain-text `404 page not found` rather than a Status (what paths outside the API installer get). */
    readonly plainText = false,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toStatus(): StatusBody {
    const body: StatusBody = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, code: this.code };
    if (this.reason) body.reason = this.reason;
    if (this.details) body.details = this.details;
    return body;
  }
}

/** `promotions.kargo.akuity.io`, or `namespaces` for the core group. */
export function groupResource(group: string, plural: string): string {
  return group ? `${plural}.${group}` : plural;
}

function describe(resource: Pick<ServedResource, 'group' | 'plural'>, name?: string): string {
  const qualified = groupResource(resource.group, resource.plural);
  return name ? `${qualified} "${name}"` : qualified;
}

export function notFound(resource: Pick<ServedResource, 'group' | 'plural'>, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${describe(resource, name)} not found`, { name, group: resource.group, kind: resource.plural });
}

export function alreadyExists(resource: Pick<ServedResource, 'group' | 'plural'>, name: string): ApiError {
  return new ApiError(409, 'AlreadyExists', `${describe(resource, name)} already exists`, { name, group: resource.group, kind: resource.plural });
}

export function conflict(resource: Pick<ServedResource, 'group' | 'plural'>, name: string, why: string): ApiError {
  return new ApiError(409, 'Conflict', `Operation cannot be fulfilled on ${describe(resource, name)}: ${why}`, {
    name,
    group: resource.group,
    kind: resource.plural,
  });
}

export const STALE_OBJECT = 'the object has been modified; please apply your changes to the latest version and try again';

export function invalid(resource: Pick<ServedResource, 'group' | 'kind'>, name: string, causes: StatusCause[]): ApiError {
  const qualifiedKind = resource.group ? `${resource.kind}.${resource.group}` : resource.kind;
  const summary = causes.map((cause) => (cause.field ? `${cause.field}: ${cause.message}` : cause.message));
  const joined = summary.length === 1 ? summary[0] : `[${summary.join(', ')}]`;
  return new ApiError(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    group: resource.group,
    kind: resource.kind,
    causes,
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

export function methodNotAllowed(message = 'the server does not allow this method on the requested resource'): ApiError {
  return new ApiError(405, 'MethodNotAllowed', message);
}

export function unauthorized(): ApiError {
  return new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
    {
      causes: [{ reason: 'UnexpectedHeader', message: `unsupported media type: ${contentType}`, field: 'Content-Type' }],
    },
  );
}

export function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
}

export function gone(message: string): ApiError {
  return new ApiError(410, 'Expired', message);
}

/** What kube-apiserver answers for paths no handler serves, e.g. an unknown resource in a CRD group. */
export function plainNotFound(): ApiError {
  return new ApiError(404, 'NotFound', '404 page not found', undefined, true);
}

export function pageNotFound(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}
