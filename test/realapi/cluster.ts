// Helpers for tests in the real-apiserver tier: kubeconfigs handed out by the
// global setup, fresh namespaces, and raw HTTPS requests for asserting on
// exact status codes and Status bodies.

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { inject } from 'vitest';
import { parse, stringify } from 'yaml';
import { findDeclaredUser, DECLARED_USERS } from './users.js';

const execFileAsync = promisify(execFile);

export const PROJECT_LABEL = 'kargo.akuity.io/project';

export function realApi(): ReturnType<typeof inject<'realapi'>> {
  return inject('realapi');
}

/**
 * A kubeconfig with a client certificate for any user and groups, minted by
 * kube-testenv (real x509 authentication, like envtest's users).
 */
export async function mintedKubeconfigPath(name: string, groups: readonly string[] = []): Promise<string> {
  const { binary, dir } = realApi();
  const spec = groups.length === 0 ? name : `${name}:${groups.join(',')}`;
  const { stdout } = await execFileAsync(binary, ['mint-user', '--dir', dir, '--user', spec]);
  return stdout.trim();
}

export function adminKubeconfigPath(): string {
  return kubeconfigPath('admin');
}

/** The kubeconfig of a user declared in users.ts (exact name and groups). */
export function userKubeconfigPath(name: string, groups: readonly string[] = []): string {
  if (!findDeclaredUser(name, groups)) {
    const known = DECLARED_USERS.map((u) => `${u.name}[${u.groups.join(',')}]`).join(', ');
    throw new Error(`user ${name} with groups [${groups.join(',')}] is not declared in test/realapi/users.ts; declared: ${known}`);
  }
  return kubeconfigPath(name);
}

function kubeconfigPath(name: string): string {
  const path = realApi().kubeconfigs[name];
  if (!path) throw new Error(`kube-testenv wrote no kubeconfig for ${name}`);
  return path;
}

export function loadKubeConfig(path: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(path);
  return kubeConfig;
}

/** A copy of the admin kubeconfig whose token the apiserver has never seen. */
export function unknownTokenKubeconfigPath(): string {
  const config = parse(readFileSync(adminKubeconfigPath(), 'utf8')) as { users: { user: { token: string } }[] };
  for (const entry of config.users) entry.user.token = randomBytes(24).toString('hex');
  const path = join(realApi().dir, `unknown-${randomBytes(4).toString('hex')}.kubeconfig`);
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}

/** Creates a uniquely named namespace (never deleted: without a controller-manager it would stay Terminating). */
export async function freshNamespace(options: { kargoProject?: boolean } = {}): Promise<string> {
  const name = `rt-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const labels = options.kargoProject ? { [PROJECT_LABEL]: 'true' } : undefined;
  const core = loadKubeConfig(adminKubeconfigPath()).makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name, labels } } });
  return name;
}

export interface RawResponse {
  status: number;
  contentType: string;
  body: string;
  json<T = unknown>(): T;
}

/** One HTTPS request to the apiserver with the credentials of a kubeconfig. */
export async function rawRequest(kubeconfig: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<RawResponse> {
  const kubeConfig = loadKubeConfig(kubeconfig);
  const server = new URL(kubeConfig.getCurrentCluster()!.server);
  const options: https.RequestOptions = { method, hostname: server.hostname, port: server.port, path, headers: {} };
  await kubeConfig.applyToHTTPSOptions(options);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  if (payload !== undefined) options.headers = { ...options.headers, 'Content-Type': contentType };
  return new Promise((resolve, reject) => {
    const request = https.request(options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          contentType: String(response.headers['content-type'] ?? ''),
          body: text,
          json: <T>() => JSON.parse(text) as T,
        });
      });
    });
    request.on('error', reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}
