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
import { writeFileAtomic } from '../runtime/atomic-file.js';
import { DirectoryBackend, setAsideCorrupt, type CorruptFileReporter } from './persistence.js';
import { RbacAuthorizer } from './rbac.js';
import { ResourceRegistry } from './registry.js';
import type { RequestRecord } from './request-log.js';
import { Router } from './router.js';
import { seedObjects } from './seed.js';
import { ObjectStore } from './storage.js';
import { loadOrCreateCertificates, type ServerCertificates } from './tls.js';
import { WatchHub } from './watch.js';
import { systemClock, type Clock } from '../runtime/clock.js';

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
  /** Receives a line for each notable event, e.g. a corrupt state file set aside (default: stderr). */
  log?: (line: string) => void;
  clock?: Clock;
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

function isUserRecord(value: unknown): value is UserRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof UserRecord, unknown>>;
  return (
    typeof record.name === 'string' &&
    typeof record.token === 'string' &&
    Array.isArray(record.groups) &&
    record.groups.every((group) => typeof group === 'string')
  );
}

/** The users persisted in `users.json`; an unreadable file is set aside (new tokens are issued). */
function readUsers(stateDir: string | undefined, now: () => Date, report: CorruptFileReporter): UserRecord[] {
  if (!stateDir) return [];
  const file = join(stateDir, 'users.json');
  if (!existsSync(file)) return [];
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.every(isUserRecord)) return parsed;
    setAsideCorrupt(file, 'not a list of users', now(), report);
  } catch (error) {
    setAsideCorrupt(file, error instanceof Error ? error.message : String(error), now(), report);
  }
  return [];
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
  const clock = options.clock ?? systemClock;
  const now = (): Date => clock.now();
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  if (stateDir) mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const backend = stateDir ? new DirectoryBackend(stateDir, now, log) : undefined;
  const persisted = backend?.load() ?? { objects: [], highWaterMark: 0 };
  const store = new ObjectStore({
    historySize: options.watchHistorySize ?? 10_000,
    initialResourceVersion: Math.max(100, persisted.highWaterMark),
    ...(backend ? { backend } : {}),
  });
  const registry = new ResourceRegistry();
  const authenticator = new TokenAuthenticator(readUsers(stateDir, now, log));
  const saveUsers = (): void => {
    if (stateDir) writeFileAtomic(join(stateDir, 'users.json'), JSON.stringify(authenticator.records(), null, 2));
  };
  const adminToken = authenticator.tokenOf(ADMIN) ?? authenticator.add(ADMIN, [MASTERS]);
  for (const user of options.users ?? []) authenticator.add(user.name, user.groups ?? [], user.token);
  saveUsers();

  const maxBodyBytes = options.maxBodyBytes ?? 3 * 1024 * 1024;
  const bookmarkIntervalMs = options.bookmarkIntervalMs ?? 5000;
  const watches = new WatchHub(store, bookmarkIntervalMs, now);
  const core: ServerCore = { store, registry, authorizer: new RbacAuthorizer(store), now };
  const router = new Router(core);

  for (const { resourceKey, object } of persisted.objects) store.load(resourceKey, object);
  seedObjects(core, router, readCrdDirectories(options.crdDirs ?? []));

  const faults = new FaultInjector(() => watches.dropAll());
  const requests: RequestRecord[] = [];
  const listener = createRequestListener({
    router,
    authenticator,
    authorizer: core.authorizer,
    faults,
    watches,
    requests,
    maxBodyBytes,
    requestLogLimit: options.requestLogLimit ?? 100_000,
    ...(options.onRequest ? { onRequest: options.onRequest } : {}),
  });
  const useTls = options.tls ?? true;
  let certificates: ServerCertificates | undefined;
  if (useTls) certificates = await loadOrCreateCertificates(stateDir, now, log);
  const server = certificates
    ? createHttpsServer({ key: certificates.keyPem, cert: certificates.certPem + certificates.caCertPem }, listener)
    : createHttpServer(listener);
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
