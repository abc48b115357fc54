// The suite's own CRD (so it depends on no product CRD) and per-test namespaces.

import { randomBytes } from 'node:crypto';
import type { ApiClient } from './api-client.js';

export const GROUP = 'protocol.kargo.test';
export const VERSION = 'v1';
export const PLURAL = 'widgets';
export const KIND = 'Widget';
export const API_VERSION = `${GROUP}/${VERSION}`;
export const CRD_NAME = `${PLURAL}.${GROUP}`;

export const WIDGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: CRD_NAME },
  spec: {
    group: GROUP,
    scope: 'Namespaced',
    names: { kind: KIND, listKind: `${KIND}List`, plural: PLURAL, singular: 'widget', shortNames: ['wdg'] },
    versions: [
      {
        name: VERSION,
        served: true,
        storage: true,
        subresources: { status: {} },
        additionalPrinterColumns: [
          { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                properties: {
                  size: { type: 'integer', minimum: 0 },
                  color: { type: 'string', enum: ['red', 'green', 'blue'] },
                  code: { type: 'string', pattern: '^[a-z]+-[0-9]+$' },
                  tags: { type: 'array', maxItems: 3, items: { type: 'string' } },
                  owners: { type: 'array', minItems: 1, items: { type: 'string' } },
                  note: { type: 'string', nullable: true },
                  label: { type: 'string' },
                  mode: { type: 'string', default: 'auto' },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  settings: { type: 'object', additionalProperties: { type: 'string' } },
                },
              },
              status: {
                type: 'object',
                properties: {
                  phase: { type: 'string' },
                  observed: { type: 'integer' },
                },
              },
            },
          },
        },
      },
    ],
  },
};

export function widgetsPath(namespace: string, name?: string, subresource?: string): string {
  let path = `/apis/${GROUP}/${VERSION}/namespaces/${namespace}/${PLURAL}`;
  if (name) path += `/${name}`;
  if (subresource) path += `/${subresource}`;
  return path;
}

export function widget(name: string, spec: Record<string, unknown> = { size: 1 }, metadata: Record<string, unknown> = {}): Record<string, unknown> {
  return { apiVersion: API_VERSION, kind: KIND, metadata: { name, ...metadata }, spec };
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Applies the suite's CRD (server-side apply, idempotent) and waits until the kind is served. */
export async function ensureWidgetCrd(admin: ApiClient): Promise<void> {
  const applied = await admin.patch(
    `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${CRD_NAME}?fieldManager=protocol-suite&force=true`,
    WIDGET_CRD,
    'application/apply-patch+yaml',
  );
  if (applied.status !== 200 && applied.status !== 201) throw new Error(`applying ${CRD_NAME} failed: HTTP ${applied.status} ${JSON.stringify(applied.body)}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const probe = await admin.get(`/apis/${GROUP}/${VERSION}/${PLURAL}?limit=1`);
    if (probe.status === 200) return;
    await sleep(200);
  }
  throw new Error(`${CRD_NAME} was not served within 60 s`);
}

/** Creates a namespace for one test; returns its name. */
export async function createNamespace(admin: ApiClient, prefix: string): Promise<string> {
  const name = `${prefix}-${uniqueSuffix()}`;
  const created = await admin.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  if (created.status !== 201) throw new Error(`creating namespace ${name} failed: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  return name;
}

/** Starts deleting a namespace; does not wait (a real cluster finalizes asynchronously). */
export async function deleteNamespace(admin: ApiClient, name: string): Promise<void> {
  await admin.delete(`/api/v1/namespaces/${name}`);
}
