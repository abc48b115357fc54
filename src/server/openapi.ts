// OpenAPI documents, enough for kubectl: v3 per group-version (which tells kubectl
// the server validates fields itself, and feeds `kubectl explain`), and a v2 document.

import { apiVersionOf } from './objects.js';
import { v2Definition } from './openapi-v2.js';
import type { ResourceRegistry, ServedResource } from './registry.js';
import { isJsonObject, type JsonObject } from './types.js';

function reverseDomain(group: string): string {
  return group ? group.split('.').reverse().join('.') : 'io.k8s.api.core';
}

export function definitionName(resource: ServedResource): string {
  return `${reverseDomain(resource.group)}.${resource.version}.${resource.kind}`;
}

function gvk(resource: ServedResource): JsonObject[] {
  return [{ group: resource.group, version: resource.version, kind: resource.kind }];
}

function schemaOf(resource: ServedResource): JsonObject {
  const base: JsonObject = resource.schema ? { ...resource.schema.openAPIV3Schema } : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const properties = isJsonObject(base.properties) ? { ...base.properties } : {};
  properties.apiVersion = { type: 'string', description: 'APIVersion defines the versioned schema of this representation of an object.' };
  properties.kind = { type: 'string', description: 'Kind is a string value representing the REST resource this object represents.' };
  properties.metadata = { type: 'object', description: "Standard object's metadata." };
  return { ...base, properties, 'x-kubernetes-group-version-kind': gvk(resource) };
}

const QUERY = (name: string): JsonObject => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });

function operation(resource: ServedResource, action: string, verb: string, extra: JsonObject[] = []): JsonObject {
  return {
    operationId: `${verb}${resource.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: resource.group, version: resource.version, kind: resource.kind },
    parameters: extra,
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${definitionName(resource)}` } } } } },
  };
}

function pathsOf(resource: ServedResource): Record<string, JsonObject> {
  const prefix = resource.group ? `/apis/${resource.group}/${resource.version}` : `/api/${resource.version}`;
  const collection = resource.namespaced ? `${prefix}/namespaces/{namespace}/${resource.plural}` : `${prefix}/${resource.plural}`;
  const writeParams = [QUERY('dryRun'), QUERY('fieldManager'), QUERY('fieldValidation')];
  const item: JsonObject = {
    get: operation(resource, 'get', 'read'),
    put: operation(resource, 'put', 'replace', writeParams),
    patch: operation(resource, 'patch', 'patch', [...writeParams, QUERY('force')]),
    delete: operation(resource, 'delete', 'delete', [QUERY('dryRun')]),
  };
  const paths: Record<string, JsonObject> = {
    [collection]: { get: operation(resource, 'list', 'list'), post: operation(resource, 'post', 'create', writeParams) },
    [`${collection}/{name}`]: item,
  };
  if (resource.hasStatus) {
    paths[`${collection}/{name}/status`] = {
      get: operation(resource, 'get', 'read'),
      put: operation(resource, 'put', 'replace', writeParams),
      patch: operation(resource, 'patch', 'patch', writeParams),
    };
  }
  return paths;
}

function groupVersionPath(resource: ServedResource): string {
  return resource.group ? `apis/${resource.group}/${resource.version}` : `api/${resource.version}`;
}

export function openApiV3Index(registry: ResourceRegistry): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const resource of registry.all()) {
    const path = groupVersionPath(resource);
    paths[path] = { serverRelativeURL: `/openapi/v3/${path}?hash=${encodeURIComponent(apiVersionOf(resource))}` };
  }
  return { paths };
}

export function openApiV3GroupVersion(registry: ResourceRegistry, path: string): JsonObject | undefined {
  const resources = registry.all().filter((resource) => groupVersionPath(resource) === path);
  if (resources.length === 0) return undefined;
  const paths: Record<string, JsonObject> = {};
  const schemas: Record<string, JsonObject> = {};
  for (const resource of resources) {
    Object.assign(paths, pathsOf(resource));
    schemas[definitionName(resource)] = schemaOf(resource);
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas } };
}

export function openApiV2(registry: ResourceRegistry): JsonObject {
  const definitions: Record<string, JsonObject> = {};
  for (const resource of registry.all()) definitions[definitionName(resource)] = v2Definition(resource);
  return { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, definitions };
}
