// The embedded Kubernetes-compatible API server: startServer() wires storage,
// identity, policy and transport and listens on 127.0.0.1.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TokenAuthenticator, type UserRecord } from './authn.js';
import type { ServerCore } from './context.js';
import { readCrdDirectories } from './crd-files.js';
import { FaultInjector, type Faults } from './faults.js';
import { createRequestListener } from './http-server.js';
import { renderKubeconfig } from './kubeconfig.js';
import { DirectoryBackend, writeFileAtomic } from './persistence.js';
import { RbacAuthorizer } from './rbac.js';
import { ResourceRegistry } from './registry.js';
import type { RequestRecord } from './request-log.js';
import { Router } from './router.js';
import { seedObjects } from './seed.js';
import { ObjectStore } from './storage.js';
import { loadOrCreateCertificates, type ServerCertificates } from './tls.js';
import { WatchHub } from './watch.js';

export type { Faults, FaultRule, FaultMatch, FaultHandle } from './faults.js';
export type { RequestRecord } from './request-log.js';
export { WRITE_VERBS } from './request-log.js';

export interface ServerUser {
  name: string;
  groups?: string[];
  token?: string;
}

export interface ServerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Persist every write here and reload it on start; in memory only when absent. */
  stateDir?: string;
  /** Directories of CRD YAML files applied at start (e.g. ../shared/crds/kargo). */
  crdDirs?: string[];
  users?: ServerUser[];
  /** Serve HTTPS with a self-signed CA (default true). */
  tls?: boolean;
  /** Largest accepted request body (default 3 MiB, like kube-apiserver). */
  maxBodyBytes?: number;
  /** Change events kept for watch resumption (default 10 000). */
  watchHistorySize?: number;
  /** Interval of watch BOOKMARK events when requested (default 5 s). */
  bookmarkIntervalMs?: number;
  /** Request records kept in `requests` (default 100 000; the oldest go first). */
  requestLogLimit?: number;
  /** Called after each request with its log record (e.g. to print an access log). */
  onRequest?: (record: RequestRecord) => void;
  /** Name of the cluster/context in emitted kubeconfigs (default `kargo-embedded`). */
  contextName?: string;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  caCertPem?: string;
  adminToken: string;
  /** Registers a user (no groups unless given) or replaces a known user's groups when given; returns its bearer token. */
  addUser(name: string, groups?: string[]): string;
  /** Kubeconfig YAML for a user; default the admin, in system:masters. */
  kubeconfig(user?: string): string;
  /** Every request so far, in order. */
  requests: RequestRecord[];
  clearRequests(): void;
  faults: Faults;
  close(): Promise<void>;
}

const ADMIN = 'admin';
const MASTERS = 'system:masters';

function readUsers(stateDir: string | undefined): UserRecord[] {
  if (!stateDir) return [];
  const file = join(stateDir, 'users.json');
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  return Array.isArray(parsed) ? (parsed as UserRecord[]) : [];
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startServer(options: ServerOptions = {}): Promise<EmbeddedServer> {
  const stateDir = options.stateDir;
  if (stateDir) mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const backend = stateDir ? new DirectoryBackend(stateDir) : undefined;
  const store = new ObjectStore({ historySize: options.watchHistorySize ?? 10_000, initialResourceVersion: 100, ...(backend ? { backend } : {}) });
  const registry = new ResourceRegistry();
  const authenticator = new TokenAuthenticator(readUsers(stateDir));
  const saveUsers = (): void => {
    if (stateDir) writeFileAtomic(join(stateDir, 'users.json'), JSON.stringify(authenticator.records(), null, 2));
  };
  const adminToken = authenticator.tokenOf(ADMIN) ?? authenticator.add(ADMIN, [MASTERS]);
  for (const user of options.users ?? []) authenticator.add(user.name, user.groups ?? [], user.token);
  saveUsers();

  const maxBodyBytes = options.maxBodyBytes ?? 3 * 1024 * 1024;
  const bookmarkIntervalMs = options.bookmarkIntervalMs ?? 5000;
  const now = (): Date => new Date();
  const watches = new WatchHub(store, bookmarkIntervalMs, now);
  const core: ServerCore = { store, registry, authorizer: new RbacAuthorizer(store), now };
  const router = new Router(core);

  if (backend) for (const { resourceKey, object } of backend.loadAll()) store.load(resourceKey, object);
  seedObjects(core, router, readCrdDirectories(options.crdDirs ?? []));

  const faults = new FaultInjector(() => watches.dropAll());
  const requests: RequestRecord[] = [];
  const listener = createRequestListener({ router, authenticator, authorizer: core.authorizer, faults, watches, requests, maxBodyBytes, requestLogLimit: options.requestLogLimit ?? 100_000, ...(options.onRequest ? { onRequest: options.onRequest } : {}) });
  const useTls = options.tls ?? true;
  let certificates: ServerCertificates | undefined;
  if (useTls) certificates = await loadOrCreateCertificates(stateDir);
  const server = certificates ? createHttpsServer({ key: certificates.keyPem, cert: certificates.certPem + certificates.caCertPem }, listener) : createHttpServer(listener);
  server.keepAliveTimeout = 30_000;
  const port = await listen(server, options.port ?? 0);
  const url = `${useTls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const contextName = options.contextName ?? 'kargo-embedded';

  const embedded: EmbeddedServer = {
    url,
    port,
    adminToken,
    requests,
    faults,
    addUser(name, groups) {
      const token = authenticator.add(name, groups);
      saveUsers();
      return token;
    },
    kubeconfig(user = ADMIN) {
      const token = authenticator.tokenOf(user) ?? embedded.addUser(user);
      return renderKubeconfig({ name: contextName, server: url, user, token, ...(certificates ? { caCertPem: certificates.caCertPem } : {}) });
    },
    clearRequests() {
      requests.length = 0;
    },
    close() {
      watches.endAll();
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
  if (certificates) embedded.caCertPem = certificates.caCertPem;
  return embedded;
}
