// The verbs on stored resources: get, list, watch, create, update, patch,
// delete, deletecollection, and the status subresource.

import type { IncomingHttpHeaders } from 'node:http';
import { decodeJson, decodeObject, decodeRequestObject } from './body.js';
import type { ServerCore } from './context.js';
import { CrdServing, isCrdResource } from './crd-serving.js';
import { NamespaceLifecycle } from './namespaces.js';
import { listPage } from './list.js';
import { admitCreate, admitUpdate, apiVersionOf, timestamp, type WriteContext } from './objects.js';
import { parseWriteOptions, type WriteOptions } from './write-options.js';
import { serverSideApply } from './apply.js';
import { jsonPatch, mergePatch, patchKindOf } from './patch.js';
import { storageKey, type ServedResource } from './registry.js';
import type { ResourceRequest } from './request-info.js';
import { parseFieldSelector, parseLabelSelector, type Matcher } from './selectors.js';
import { ApiError, alreadyExists, plainNotFound, STALE_OBJECT, badRequest, conflict, methodNotAllowed, notFound, unsupportedMediaType } from './status.js';
import { toTable, wantsTable } from './table.js';
import { deepClone, isJsonObject, type JsonObject, type StoredObject, type UserIdentity } from './types.js';
import type { WatchRequest } from './watch.js';

export interface HandlerRequest {
  info: ResourceRequest;
  resource: ServedResource;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  user: UserIdentity;
}

export type HandlerResult =
  | { status: number; body: unknown; warnings?: string[] }
  | { watch: WatchRequest }
  /** A body that is not JSON (the protobuf OpenAPI document). */
  | { status: number; raw: Buffer; contentType: string };

function selectorOf(query: URLSearchParams): Matcher {
  const labels = parseLabelSelector(query.get('labelSelector'));
  const fields = parseFieldSelector(query.get('fieldSelector'));
  return (object) => labels(object) && fields(object);
}

export class ResourceHandlers {
  private readonly namespaces: NamespaceLifecycle;
  private readonly crds: CrdServing;

  constructor(private readonly core: ServerCore) {
    this.namespaces = new NamespaceLifecycle(core);
    this.crds = new CrdServing(core);
  }

  handle(request: HandlerRequest): HandlerResult {
    const { info, resource } = request;
    if (info.subresource !== undefined && !(info.subresource === 'status' && resource.hasStatus)) {
      // kube-apiserver answers an unknown subresource of a custom resource as if the object were missing.
      throw isNativeKind(resource)
        ? new ApiError(404, 'NotFound', 'the server could not find the requested resource', {})
        : notFound(resource, info.name ?? '');
    }
    if (info.name === undefined && (info.verb === 'update' || info.verb === 'patch')) throw badRequest('name must be provided');
    const isNamespace = resource.group === '' && resource.plural === 'namespaces';
    if (!resource.namespaced && !isNamespace && info.namespace !== undefined) {
      throw isNativeKind(resource) ? new ApiError(404, 'NotFound', 'the server could not find the requested resource', {}) : plainNotFound();
    }
    if (resource.namespaced && info.namespace === undefined && info.verb !== 'list' && info.verb !== 'watch') {
      throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
    }
    switch (info.verb) {
      case 'get':
        return { status: 200, body: this.getObject(request) };
      case 'list':
        return this.list(request);
      case 'watch':
        return { watch: this.watchRequest(request) };
      case 'create':
        return this.create(request);
      case 'update':
        return this.update(request);
      case 'patch':
        return this.patch(request);
      case 'delete':
        return this.delete(request);
      case 'deletecollection':
        return this.deleteCollection(request);
      default:
        throw methodNotAllowed();
    }
  }

  private namespaceOf(request: HandlerRequest): string | undefined {
    return request.resource.namespaced ? request.info.namespace : undefined;
  }

  private keyOf(resource: ServedResource): string {
    return storageKey(resource);
  }

  private existing(request: HandlerRequest): StoredObject {
    const name = request.info.name ?? '';
    const found = this.core.store.get(this.keyOf(request.resource), this.namespaceOf(request), name);
    if (!found) throw notFound(request.resource, name);
    return this.served(request.resource, found);
  }

  /** Objects are stored once per group/plural; serve them under the requested version. */
  private served(resource: ServedResource, object: StoredObject): StoredObject {
    return { ...object, apiVersion: apiVersionOf(resource) };
  }

  private getObject(request: HandlerRequest): unknown {
    const object = this.existing(request);
    if (wantsTable(request.headers.accept)) {
      return toTable(request.resource, [object], { resourceVersion: object.metadata.resourceVersion }, this.core.now(), request.query.get('includeObject'));
    }
    return object;
  }

  private list(request: HandlerRequest): HandlerResult {
    const { resource, query } = request;
    const version = query.get('resourceVersion');
    if (version && !/^\d+$/.test(version)) {
      throw badRequest(
        `invalid resource version: resourceVersion: Invalid value: ${JSON.stringify(version)}: strconv.ParseUint: parsing ${JSON.stringify(version)}: invalid syntax`,
      );
    }
    const page = listPage(this.core.store, this.keyOf(resource), request.info.namespace, selectorOf(query), query.get('limit'), query.get('continue'));
    const metadata: JsonObject = { resourceVersion: page.resourceVersion };
    if (page.continueToken) metadata.continue = page.continueToken;
    if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
    const items = page.items.map((item) => this.served(resource, item));
    if (wantsTable(request.headers.accept)) {
      return { status: 200, body: toTable(resource, items, metadata, this.core.now(), query.get('includeObject')) };
    }
    return { status: 200, body: { apiVersion: apiVersionOf(resource), kind: resource.listKind, metadata, items } };
  }

  private watchRequest(request: HandlerRequest): WatchRequest {
    const { query, resource, info } = request;
    const version = query.get('resourceVersion');
    if (version && !/^\d+$/.test(version)) {
      // kube-apiserver reports this as an internal error, with no reason.
      throw new ApiError(
        500,
        '',
        `resourceVersion: Invalid value: ${JSON.stringify(version)}: strconv.ParseUint: parsing ${JSON.stringify(version)}: invalid syntax`,
      );
    }
    const matches = selectorOf(query);
    const name = info.name;
    const timeout = query.get('timeoutSeconds');
    const watch: WatchRequest = {
      resource,
      resourceKey: this.keyOf(resource),
      matches: name ? (object) => object.metadata.name === name && matches(object) : matches,
      resourceVersion: query.get('resourceVersion'),
      allowBookmarks: query.get('allowWatchBookmarks') === 'true',
      table: wantsTable(request.headers.accept),
      includeObject: query.get('includeObject'),
    };
    if (info.namespace !== undefined && resource.namespaced) watch.namespace = info.namespace;
    if (timeout !== null) {
      const seconds = Number(timeout);
      if (!Number.isFinite(seconds) || seconds < 0) throw badRequest(`invalid timeoutSeconds: ${timeout}`);
      watch.timeoutSeconds = seconds;
    }
    return watch;
  }

  private writeContext(options: WriteOptions): WriteContext {
    return { fieldValidation: options.fieldValidation, warnings: [], now: this.core.now() };
  }

  private optionsOf(request: HandlerRequest): WriteOptions {
    return parseWriteOptions(request.query, request.info.verb);
  }

  private create(request: HandlerRequest): HandlerResult {
    const { resource } = request;
    const options = this.optionsOf(request);
    const context = this.writeContext(options);
    const namespace = this.namespaceOf(request);
    const object = admitCreate(resource, decodeRequestObject(request.body, request.headers['content-type']), namespace, context);
    return this.storeNew(request, object, context, options.dryRun);
  }

  private storeNew(request: HandlerRequest, candidate: StoredObject, context: WriteContext, dryRun: boolean): HandlerResult {
    const { resource } = request;
    const key = this.keyOf(resource);
    const namespace = candidate.metadata.namespace;
    this.namespaces.require(namespace, true);
    let object = candidate;
    if (isCrdResource(resource)) object = this.crds.admit(object, context);
    if (this.core.store.has(key, namespace, object.metadata.name)) throw alreadyExists(resource, object.metadata.name);
    if (dryRun) return { status: 201, body: object, warnings: context.warnings };
    const stored = this.core.store.create(key, object);
    if (isCrdResource(resource)) this.crds.serve(stored);
    return { status: 201, body: this.served(resource, stored), warnings: context.warnings };
  }

  private update(request: HandlerRequest): HandlerResult {
    const body = decodeRequestObject(request.body, request.headers['content-type']);
    const existing = this.existing(request);
    return this.storeUpdate(request, existing, body, true);
  }

  private storeUpdate(request: HandlerRequest, existing: StoredObject, body: JsonObject, fromPut: boolean): HandlerResult {
    const { resource, info } = request;
    const options = this.optionsOf(request);
    const context = this.writeContext(options);
    const requireResourceVersion = fromPut && resource.group !== '' && resource.group !== 'rbac.authorization.k8s.io';
    const updateRequest = info.subresource === undefined ? { requireResourceVersion } : { requireResourceVersion, subresource: info.subresource };
    let next = admitUpdate(resource, existing, body, updateRequest, context, () => conflict(resource, existing.metadata.name, STALE_OBJECT));
    if (!next) return { status: 200, body: existing, warnings: context.warnings };
    if (isCrdResource(resource)) next = this.crds.admit(next, context);
    if (options.dryRun) return { status: 200, body: next, warnings: context.warnings };
    const key = this.keyOf(resource);
    const stored = this.core.store.update(key, next);
    if (isCrdResource(resource)) this.crds.serve(stored);
    if (stored.metadata.deletionTimestamp && (stored.metadata.finalizers ?? []).length === 0) {
      this.remove(resource, stored);
    }
    return { status: 200, body: this.served(resource, stored), warnings: context.warnings };
  }

  private patch(request: HandlerRequest): HandlerResult {
    const { resource, query } = request;
    const kind = patchKindOf(request.headers['content-type']);
    if (!kind) throw unsupportedMediaType(request.headers['content-type'] ?? '');
    // Like kube-apiserver: strategic merge patch exists for native kinds only (treated as a merge patch here).
    if (kind === 'strategic' && !isNativeKind(resource)) throw unsupportedMediaType(request.headers['content-type'] ?? '');
    const name = request.info.name ?? '';
    const found = this.core.store.get(this.keyOf(resource), this.namespaceOf(request), name);
    if (kind === 'apply') {
      const manager = query.get('fieldManager');
      if (!manager) {
        throw new ApiError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', {
          group: 'meta.k8s.io',
          kind: 'PatchOptions',
          causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }],
        });
      }
      const applied = decodeObject(request.body, true);
      const appliedMeta = isJsonObject(applied.metadata) ? applied.metadata : {};
      if (appliedMeta.name !== undefined && appliedMeta.name !== name)
        throw badRequest(`the name of the object (${String(appliedMeta.name)}) does not match the name on the URL (${name})`);
      const live = found ? this.served(resource, found) : undefined;
      const result = serverSideApply({
        live,
        applied,
        manager,
        force: query.get('force') === 'true',
        apiVersion: apiVersionOf(resource),
        now: timestamp(this.core.now()),
      });
      if (!live) {
        if (request.info.subresource) throw notFound(resource, name);
        const options = this.optionsOf(request);
        const context = this.writeContext(options);
        const resultMeta = isJsonObject(result.metadata) ? result.metadata : {};
        const object = admitCreate(resource, { ...result, metadata: { ...resultMeta, name } }, this.namespaceOf(request), context);
        return this.storeNew(request, object, context, options.dryRun);
      }
      const resultMeta = isJsonObject(result.metadata) ? result.metadata : {};
      const version = appliedMeta.resourceVersion ?? live.metadata.resourceVersion;
      return this.storeUpdate(request, live, { ...result, metadata: { ...resultMeta, resourceVersion: version } }, false);
    }
    if (!found) throw notFound(resource, name);
    const existing = this.served(resource, found);
    const patchBody = decodeJson(request.body);
    let patched: unknown;
    if (kind === 'json') {
      patched = jsonPatch(existing, patchBody);
    } else {
      if (!isJsonObject(patchBody)) throw badRequest('error decoding patch: a merge patch must be a JSON object');
      patched = mergePatch(existing, patchBody);
    }
    if (!isJsonObject(patched)) throw badRequest('the patch produced something other than an object');
    const patchedMeta = isJsonObject(patched.metadata) ? patched.metadata : {};
    if (patchedMeta.resourceVersion === undefined) patched.metadata = { ...patchedMeta, resourceVersion: existing.metadata.resourceVersion };
    return this.storeUpdate(request, existing, patched, false);
  }

  private delete(request: HandlerRequest): HandlerResult {
    const { resource } = request;
    if (request.info.subresource) throw methodNotAllowed();
    const existing = this.existing(request);
    const options = request.body.length > 0 ? decodeObject(request.body) : {};
    const preconditions = isJsonObject(options.preconditions) ? options.preconditions : {};
    if (preconditions.resourceVersion !== undefined && preconditions.resourceVersion !== existing.metadata.resourceVersion) {
      throw conflict(
        resource,
        existing.metadata.name,
        `the ResourceVersion in the precondition (${String(preconditions.resourceVersion)}) does not match the ResourceVersion in record (${existing.metadata.resourceVersion}). The object might have been modified`,
      );
    }
    if (preconditions.uid !== undefined && preconditions.uid !== existing.metadata.uid) {
      throw conflict(
        resource,
        existing.metadata.name,
        `the UID in the precondition (${String(preconditions.uid)}) does not match the UID in record (${existing.metadata.uid}). The object might have been deleted and then recreated`,
      );
    }
    const dryRun = this.optionsOf(request).dryRun || (Array.isArray(options.dryRun) && options.dryRun.includes('All'));
    return this.deleteObject(resource, existing, dryRun);
  }

  private deleteObject(resource: ServedResource, existing: StoredObject, dryRun: boolean): HandlerResult {
    const isNamespace = resource.group === '' && resource.plural === 'namespaces';
    const pending = (existing.metadata.finalizers ?? []).length > 0 || (isNamespace && this.namespaces.hasContent(existing.metadata.name));
    if (pending) {
      if (existing.metadata.deletionTimestamp) return { status: 200, body: existing };
      const marked = deepClone(existing);
      marked.metadata.deletionTimestamp = timestamp(this.core.now());
      marked.metadata.deletionGracePeriodSeconds = 0;
      if (isNamespace) marked.status = { ...(isJsonObject(marked.status) ? marked.status : {}), phase: 'Terminating' };
      if (dryRun) return { status: 200, body: marked };
      const stored = this.core.store.update(this.keyOf(resource), marked);
      if (isNamespace) this.namespaces.empty(stored.metadata.name);
      return { status: 200, body: this.served(resource, stored) };
    }
    if (dryRun) return { status: 200, body: successStatus(resource, existing) };
    this.remove(resource, existing);
    return { status: 200, body: isNamespace ? existing : successStatus(resource, existing) };
  }

  private deleteCollection(request: HandlerRequest): HandlerResult {
    const { resource, query } = request;
    const { dryRun } = this.optionsOf(request);
    const matches = selectorOf(query);
    const deleted: StoredObject[] = [];
    for (const object of this.core.store.list(this.keyOf(resource), this.namespaceOf(request))) {
      if (!matches(object)) continue;
      this.deleteObject(resource, object, dryRun);
      deleted.push(this.served(resource, object));
    }
    return {
      status: 200,
      body: {
        apiVersion: apiVersionOf(resource),
        kind: resource.listKind,
        metadata: { resourceVersion: String(this.core.store.resourceVersion) },
        items: deleted,
      },
    };
  }

  /** Final removal; also finishes a terminating namespace once it is empty. */
  private remove(resource: ServedResource, object: StoredObject): void {
    const key = this.keyOf(resource);
    this.core.store.delete(key, object);
    if (isCrdResource(resource)) this.crds.removed(object);
    const namespace = object.metadata.namespace;
    if (namespace) this.namespaces.finishIfEmpty(namespace);
    else if (resource.plural === 'namespaces' && resource.group === '') this.namespaces.empty(object.metadata.name);
  }
}

/** Kinds compiled into kube-apiserver (as opposed to custom resources). */
function isNativeKind(resource: ServedResource): boolean {
  return !resource.fromCrd && (resource.group === '' || resource.group === 'rbac.authorization.k8s.io' || resource.group === 'apiextensions.k8s.io');
}

function successStatus(resource: ServedResource, object: StoredObject): JsonObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: object.metadata.name, group: resource.group, kind: resource.plural, uid: object.metadata.uid },
  };
}
