// The background sandbox: spawn `kargo sandbox serve` detached with its output
// in the log file, wait until it answers, and stop it by pid.

import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, existsSync } from 'node:fs';
import { request } from 'node:https';
import { readEndpoint, removeFile, type Endpoint } from './endpoint.js';
import type { SandboxPaths } from './paths.js';
import { writeFileAtomic } from '../runtime/atomic-file.js';

export interface DaemonOptions {
  /** Command that runs the kargo CLI: [executable, ...leading args]. */
  launcher: string[];
  port?: number;
  crdDirs: string[];
  /** Further `sandbox serve` flags (e.g. --no-controller, --allow-jobs). */
  serveArgs?: string[];
  env: Readonly<Record<string, string | undefined>>;
  readyTimeoutMs?: number;
}

/** A process that has exited but not been reaped yet (Linux); signal 0 still reaches it. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

export function readPid(paths: SandboxPaths): number | undefined {
  if (!existsSync(paths.pidFile)) return undefined;
  const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether the server at `endpoint` answers /readyz. */
function isReady(endpoint: Endpoint): Promise<boolean> {
  return new Promise((resolve) => {
    const url = new URL('/readyz', endpoint.url);
    const req = request(url, { ca: endpoint.caCertPem, timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/** The running sandbox's endpoint, or undefined when none is running. */
export async function runningEndpoint(paths: SandboxPaths): Promise<Endpoint | undefined> {
  const pid = readPid(paths);
  const endpoint = readEndpoint(paths.endpointFile);
  if (!pid || !isAlive(pid) || !endpoint || endpoint.pid !== pid) return undefined;
  return (await isReady(endpoint)) ? endpoint : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts the server in the background and waits until it is ready. */
export async function startDaemon(paths: SandboxPaths, options: DaemonOptions): Promise<Endpoint> {
  mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
  removeFile(paths.endpointFile);
  const [executable, ...leading] = options.launcher;
  if (!executable) throw new Error('no launcher for the sandbox server');
  const args = [...leading, 'sandbox', 'serve', '--access-log', '--state-dir', paths.stateDir];
  if (options.port !== undefined) args.push('--port', String(options.port));
  for (const dir of options.crdDirs) args.push('--crds', dir);
  args.push(...(options.serveArgs ?? []));
  const log = openSync(paths.logFile, 'a', 0o600);
  const child = spawn(executable, args, { detached: true, stdio: ['ignore', log, log], env: { ...options.env } as NodeJS.ProcessEnv });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${executable}`);
  writeFileAtomic(paths.pidFile, `${pid}\n`, 0o600);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  child.unref();
  const deadline = Date.now() + (options.readyTimeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    const endpoint = readEndpoint(paths.endpointFile);
    if (endpoint && endpoint.pid === pid && (await isReady(endpoint))) return endpoint;
    if (exited || !isAlive(pid)) break;
    await sleep(50);
  }
  if (isAlive(pid)) process.kill(pid, 'SIGTERM');
  removeFile(paths.pidFile);
  throw new Error(`the sandbox server did not become ready; see ${paths.logFile}`);
}

/** Stops the background server (SIGTERM, then SIGKILL after a grace period). Returns whether one was running. */
export async function stopDaemon(paths: SandboxPaths, graceMs = 5000): Promise<boolean> {
  const pid = readPid(paths);
  let wasRunning = false;
  if (pid && isAlive(pid)) {
    wasRunning = true;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(50);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  removeFile(paths.pidFile);
  removeFile(paths.endpointFile);
  return wasRunning;
}
