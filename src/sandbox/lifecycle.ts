// `kargo sandbox start | stop | status` as plain operations returning data.

import { addSandboxContext, currentContextOf, removeSandboxContext } from './kubeconfig-file.js';
import { readSession, removeFile, writeJson, type Endpoint, type SandboxSession } from './endpoint.js';
import { readPid, runningEndpoint, startDaemon, stopDaemon } from './daemon.js';
import { SANDBOX_CONTEXT, type Env, type SandboxPaths } from './paths.js';

export interface StartRequest {
  paths: SandboxPaths;
  kubeconfigPath: string;
  switchContext: boolean;
  launcher: string[];
  port?: number;
  crdDirs: string[];
  /** Further `sandbox serve` flags (e.g. --no-controller, --allow-jobs). */
  serveArgs?: string[];
  env: Env;
}

export interface StartResult {
  endpoint: Endpoint;
  alreadyRunning: boolean;
  kubeconfigPath: string;
  switched: boolean;
  previousContext?: string;
}

export async function startSandbox(request: StartRequest): Promise<StartResult> {
  const { paths } = request;
  let endpoint = await runningEndpoint(paths);
  const alreadyRunning = endpoint !== undefined;
  if (!endpoint) {
    await stopDaemon(paths);
    endpoint = await startDaemon(paths, {
      launcher: request.launcher,
      crdDirs: request.crdDirs,
      env: request.env,
      ...(request.serveArgs ? { serveArgs: request.serveArgs } : {}),
      ...(request.port !== undefined ? { port: request.port } : {}),
    });
  }
  const earlier = readSession(paths.sessionFile);
  const before = currentContextOf(request.kubeconfigPath);
  addSandboxContext(
    request.kubeconfigPath,
    { server: endpoint.url, token: endpoint.adminToken, ...(endpoint.caCertPem ? { caCertPem: endpoint.caCertPem } : {}) },
    request.switchContext,
  );
  // Remember the context to restore on stop; a repeated start must not overwrite it with the sandbox itself.
  const previousContext = before === SANDBOX_CONTEXT ? earlier?.previousContext : before;
  const session: SandboxSession = { kubeconfigPath: request.kubeconfigPath, ...(previousContext ? { previousContext } : {}) };
  writeJson(paths.sessionFile, session);
  return {
    endpoint,
    alreadyRunning,
    kubeconfigPath: request.kubeconfigPath,
    switched: request.switchContext,
    ...(previousContext ? { previousContext } : {}),
  };
}

export interface StopResult {
  wasRunning: boolean;
  kubeconfigPath?: string;
  restoredContext?: string;
}

export async function stopSandbox(paths: SandboxPaths, fallbackKubeconfig: string): Promise<StopResult> {
  const wasRunning = await stopDaemon(paths);
  const session = readSession(paths.sessionFile);
  const kubeconfigPath = session?.kubeconfigPath ?? fallbackKubeconfig;
  const { restored } = removeSandboxContext(kubeconfigPath, session?.previousContext);
  removeFile(paths.sessionFile);
  return { wasRunning, kubeconfigPath, ...(restored ? { restoredContext: restored } : {}) };
}

export interface StatusResult {
  running: boolean;
  stateDir: string;
  logFile: string;
  pid?: number;
  url?: string;
  kubeconfigPath?: string;
  currentContext?: string;
  /** Whether the embedded controller runs (absent when the sandbox is not running). */
  controller?: boolean;
  allowJobs?: boolean;
  /** The sandbox's OCI registry, `127.0.0.1:<port>`. */
  registry?: string;
}

export async function sandboxStatus(paths: SandboxPaths): Promise<StatusResult> {
  const endpoint = await runningEndpoint(paths);
  const session = readSession(paths.sessionFile);
  const result: StatusResult = { running: endpoint !== undefined, stateDir: paths.stateDir, logFile: paths.logFile };
  if (endpoint) {
    result.url = endpoint.url;
    result.pid = readPid(paths) ?? endpoint.pid;
    result.controller = endpoint.controller ?? false;
    result.allowJobs = endpoint.allowJobs ?? false;
    if (endpoint.registry) result.registry = endpoint.registry;
  }
  if (session) {
    result.kubeconfigPath = session.kubeconfigPath;
    const current = currentContextOf(session.kubeconfigPath);
    if (current) result.currentContext = current;
  }
  return result;
}
