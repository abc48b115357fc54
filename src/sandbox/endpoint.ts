// The files a running sandbox leaves in its state dir: endpoint (where it
// listens and how to log in) and session (what `start` changed).

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../runtime/atomic-file.js';

export interface Endpoint {
  url: string;
  pid: number;
  caCertPem?: string;
  adminToken: string;
  /** Whether the embedded Kargo controller runs in the server process. */
  controller?: boolean;
  /** Whether the controller may run the analysis `job` provider's containers. */
  allowJobs?: boolean;
  /** The sandbox's OCI registry, `127.0.0.1:<port>`. */
  registry?: string;
}

export interface SandboxSession {
  kubeconfigPath: string;
  /** current-context before `start` switched to the sandbox. */
  previousContext?: string;
}

function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

export const readEndpoint = (path: string): Endpoint | undefined => readJson<Endpoint>(path);
export const readSession = (path: string): SandboxSession | undefined => readJson<SandboxSession>(path);

export function writeJson(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, 0o600);
}

export function removeFile(path: string): void {
  rmSync(path, { force: true });
}
