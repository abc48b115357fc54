// The one interface through which kargo talks to a cluster. Use-cases depend on
// this interface only; src/kube/http-client.ts implements it over node's http(s)
// with the kubeconfig's TLS settings and credentials (kubeconfig.ts) and is loaded lazily.

import type { KubeObject } from '../model/kargo.js';
import type { ResourceType } from './resources.js';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size; the client follows `continue` tokens until the list is complete. */
  limit?: number;
}

export interface WriteOptions {
  /** Server-side dry run (`dryRun=All`): validated and admitted, never persisted. */
  dryRun?: boolean;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent<T> {
  type: WatchEventType;
  object: T;
}

export interface WatchOptions extends Omit<ListOptions, 'limit'> {
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

export type PatchType = 'merge' | 'json';

export interface PodLogOptions {
  container?: string;
  /** Keep streaming until the container ends (kubectl logs -f). */
  follow?: boolean;
  signal?: AbortSignal;
}

export interface ResourceAttributes {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  name?: string;
  namespace?: string;
}

export interface AccessReviewResult {
  allowed: boolean;
  denied?: boolean;
  reason?: string;
}

export interface UserInfo {
  username: string;
  groups: string[];
}

export interface ClusterIdentity {
  contextName: string;
  server: string;
  /** The kubeconfig context's namespace, when it sets one. */
  namespace?: string;
}

export interface KubeClient {
  readonly identity: ClusterIdentity;

  get<T extends KubeObject>(type: ResourceType, name: string, namespace?: string): Promise<T>;
  /** Lists every object (following `continue`), one LIST request per page. */
  list<T extends KubeObject>(type: ResourceType, namespace?: string, options?: ListOptions): Promise<ListResult<T>>;
  create<T extends KubeObject>(type: ResourceType, object: T, namespace?: string, options?: WriteOptions): Promise<T>;
  update<T extends KubeObject>(type: ResourceType, object: T, namespace?: string, options?: WriteOptions & { subresource?: 'status' }): Promise<T>;
  patch<T extends KubeObject>(
    type: ResourceType,
    name: string,
    patch: unknown,
    namespace?: string,
    options?: WriteOptions & { subresource?: 'status'; patchType?: PatchType },
  ): Promise<T>;
  delete(type: ResourceType, name: string, namespace?: string): Promise<void>;
  /**
   * Streams watch events until the server closes the stream, the signal aborts,
   * or an error occurs (a 410 Gone surfaces as a KubeApiError with code 410).
   * Resuming and relisting is the caller's policy (see src/kube/informer.ts).
   */
  watch<T extends KubeObject>(type: ResourceType, namespace: string | undefined, options?: WatchOptions): AsyncIterable<WatchEvent<T>>;

  /** A container's log (`pods/log`) as it arrives; with `follow`, until the container ends or the signal aborts. */
  podLog(namespace: string, pod: string, options?: PodLogOptions): AsyncIterable<string>;

  /** SelfSubjectAccessReview. */
  canI(attributes: ResourceAttributes): Promise<AccessReviewResult>;
  /** SelfSubjectReview: who the cluster thinks we are. */
  whoAmI(): Promise<UserInfo>;
  /** `/version` gitVersion. */
  serverVersion(): Promise<string>;
  /** Whether discovery lists `group/version`. */
  isServed(group: string, version: string): Promise<boolean>;
}
