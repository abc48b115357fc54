// Runs the sandbox API server in this process until the signal aborts.

import { mkdirSync } from 'node:fs';
import { writeFileAtomic } from '../runtime/atomic-file.js';
import { startServer, type EmbeddedServer, type RequestRecord } from '../server/index.js';
import { SANDBOX_CONTEXT, type SandboxPaths } from './paths.js';
import { removeFile, writeJson, type Endpoint } from './endpoint.js';

export interface ServeOptions {
  paths: SandboxPaths;
  port?: number;
  crdDirs: string[];
  /** Receives one access-log line per request. */
  accessLog?: (line: string) => void;
  /** Receives the server's notices, e.g. a corrupt state file set aside (default: stderr, the log file when in the background). */
  log?: (line: string) => void;
  /** Recorded in the endpoint file for `sandbox status`: whether the embedded controller runs, and with jobs allowed. */
  controller?: { enabled: boolean; allowJobs: boolean };
  /** The sandbox's OCI registry (`127.0.0.1:<port>`), recorded for `sandbox status`. */
  registryHost?: string;
}

export interface RunningSandbox {
  server: EmbeddedServer;
  endpoint: Endpoint;
  kubeconfigPath: string;
}

/** Starts the server and writes its endpoint and admin kubeconfig into the state dir. */
export async function startSandboxServer(options: ServeOptions): Promise<RunningSandbox> {
  const { paths } = options;
  mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
  const accessLog = options.accessLog;
  const server = await startServer({
    port: options.port ?? 0,
    stateDir: paths.serverDir,
    crdDirs: options.crdDirs,
    contextName: SANDBOX_CONTEXT,
    requestLogLimit: 1000,
    ...(options.log ? { log: options.log } : {}),
    ...(accessLog ? { onRequest: (record: RequestRecord) => accessLog(accessLogLine(record)) } : {}),
  });
  writeFileAtomic(paths.kubeconfigFile, server.kubeconfig(), 0o600);
  const endpoint: Endpoint = {
    url: server.url,
    pid: process.pid,
    adminToken: server.adminToken,
    ...(server.caCertPem ? { caCertPem: server.caCertPem } : {}),
    ...(options.controller ? { controller: options.controller.enabled, allowJobs: options.controller.allowJobs } : {}),
    ...(options.registryHost ? { registry: options.registryHost } : {}),
  };
  writeJson(paths.endpointFile, endpoint);
  return { server, endpoint, kubeconfigPath: paths.kubeconfigFile };
}

function accessLogLine(record: RequestRecord): string {
  const query = record.query ? `?${record.query}` : '';
  return `${new Date().toISOString()} ${record.status} ${record.method} ${record.path}${query} user=${record.user || '-'}\n`;
}

/** How long the server waits for its companions to stop. */
const COMPANION_STOP_GRACE_MS = 1500;

/** Something that runs beside the server (the controller, the Argo CD stand-in) and stops before it. */
export interface Companion {
  stop(): Promise<void>;
}

/**
 * Resolves once `signal` aborts or the process gets SIGTERM (what `sandbox stop`
 * sends), then stops the companions, the server, and removes the endpoint file.
 */
export async function serveUntil(running: RunningSandbox, paths: SandboxPaths, signal: AbortSignal, companions: Companion[] = []): Promise<void> {
  let onTerm: () => void = () => undefined;
  if (!signal.aborted) {
    await new Promise<void>((resolve) => {
      onTerm = resolve;
      process.once('SIGTERM', onTerm);
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  process.off('SIGTERM', onTerm);
  // The companions write through the server: they stop first, so their last writes land — but
  // the server stops even when one of them does not within the grace period.
  let graceTimer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    graceTimer = setTimeout(resolve, COMPANION_STOP_GRACE_MS);
  });
  await Promise.race([Promise.allSettled(companions.map((companion) => companion.stop())), grace]);
  clearTimeout(graceTimer);
  await running.server.close();
  removeFile(paths.endpointFile);
}
