// A minimal JSON client for the tier's own reads and writes (setup, AnalysisRun
// status, assertions), authenticated by a kubeconfig file. Kept apart from the
// CLI's own client so the tests never judge the CLI with the CLI's code.

import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    uid?: string;
    resourceVersion?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface KubeResponse {
  status: number;
  body: string;
}

export class KubeRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
  }
}

/** The API path of a resource: `kind` is the plural; group '' for the core API. */
export interface ResourcePath {
  group: string;
  version: string;
  plural: string;
}

export const RESOURCES = {
  namespace: { group: '', version: 'v1', plural: 'namespaces' },
  project: { group: 'kargo.akuity.io', version: 'v1alpha1', plural: 'projects' },
  warehouse: { group: 'kargo.akuity.io', version: 'v1alpha1', plural: 'warehouses' },
  stage: { group: 'kargo.akuity.io', version: 'v1alpha1', plural: 'stages' },
  freight: { group: 'kargo.akuity.io', version: 'v1alpha1', plural: 'freights' },
  promotion: { group: 'kargo.akuity.io', version: 'v1alpha1', plural: 'promotions' },
  analysisTemplate: { group: 'argoproj.io', version: 'v1alpha1', plural: 'analysistemplates' },
  analysisRun: { group: 'argoproj.io', version: 'v1alpha1', plural: 'analysisruns' },
  mutatingWebhookConfiguration: { group: 'admissionregistration.k8s.io', version: 'v1', plural: 'mutatingwebhookconfigurations' },
  validatingWebhookConfiguration: { group: 'admissionregistration.k8s.io', version: 'v1', plural: 'validatingwebhookconfigurations' },
} satisfies Record<string, ResourcePath>;

export function resourcePath(resource: ResourcePath, namespace?: string, name?: string, subresource?: string): string {
  const base = resource.group === '' ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  const scoped = namespace ? `${base}/namespaces/${namespace}` : base;
  return [scoped, resource.plural, name, subresource].filter(Boolean).join('/');
}

export class KubeJson {
  private readonly config = new KubeConfig();

  constructor(readonly kubeconfig: string) {
    this.config.loadFromFile(kubeconfig);
  }

  async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeResponse> {
    const server = new URL(this.config.getCurrentCluster()!.server);
    const options: https.RequestOptions = { method, hostname: server.hostname, port: server.port, path, headers: {} };
    await this.config.applyToHTTPSOptions(options);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) options.headers = { ...options.headers, 'Content-Type': contentType };
    return new Promise((resolve, reject) => {
      const request = https.request(options, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      request.on('error', reject);
      if (payload !== undefined) request.write(payload);
      request.end();
    });
  }

  private async json<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const response = await this.request(method, path, body, contentType);
    if (response.status < 200 || response.status >= 300) throw new KubeRequestError(method, path, response.status, response.body);
    return JSON.parse(response.body) as T;
  }

  get<T extends KubeObject>(resource: ResourcePath, name: string, namespace?: string): Promise<T> {
    return this.json('GET', resourcePath(resource, namespace, name));
  }

  async find<T extends KubeObject>(resource: ResourcePath, name: string, namespace?: string): Promise<T | undefined> {
    const response = await this.request('GET', resourcePath(resource, namespace, name));
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new KubeRequestError('GET', resourcePath(resource, namespace, name), response.status, response.body);
    return JSON.parse(response.body) as T;
  }

  async list<T extends KubeObject>(resource: ResourcePath, namespace?: string, labelSelector?: string): Promise<T[]> {
    const query = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
    const result = await this.json<{ items: T[] }>('GET', resourcePath(resource, namespace) + query);
    return result.items;
  }

  create<T extends KubeObject>(resource: ResourcePath, object: KubeObject, namespace?: string): Promise<T> {
    return this.json('POST', resourcePath(resource, namespace), object);
  }

  mergePatch<T extends KubeObject>(resource: ResourcePath, name: string, patch: unknown, namespace?: string, subresource?: string): Promise<T> {
    return this.json('PATCH', resourcePath(resource, namespace, name, subresource), patch, 'application/merge-patch+json');
  }

  /** Creates, or replaces an existing object of the same name (for cluster-wide set-up). */
  async apply(resource: ResourcePath, object: KubeObject, namespace?: string): Promise<void> {
    const existing = await this.find(resource, object.metadata.name, namespace);
    if (!existing) {
      await this.create(resource, object, namespace);
      return;
    }
    const replacement = { ...object, metadata: { ...object.metadata, resourceVersion: existing.metadata.resourceVersion } };
    await this.json('PUT', resourcePath(resource, namespace, object.metadata.name), replacement);
  }
}
