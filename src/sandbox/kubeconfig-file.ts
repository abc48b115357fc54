// Adds and removes the `kargo-sandbox` cluster, user and context in a kubeconfig
// file (created 0600 when missing), switching current-context the way kind does.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse, stringify } from 'yaml';
import { writeFileAtomic } from '../runtime/atomic-file.js';
import { SANDBOX_CONTEXT } from './paths.js';

interface Named {
  name: string;
  [field: string]: unknown;
}

interface KubeconfigDocument {
  apiVersion?: string;
  kind?: string;
  clusters?: Named[];
  users?: Named[];
  contexts?: Named[];
  'current-context'?: string;
  [field: string]: unknown;
}

export interface SandboxCredentials {
  server: string;
  caCertPem?: string;
  token: string;
}

function read(path: string): KubeconfigDocument {
  if (!existsSync(path)) return { apiVersion: 'v1', kind: 'Config', clusters: [], users: [], contexts: [], preferences: {} };
  const parsed = parse(readFileSync(path, 'utf8')) as unknown;
  return typeof parsed === 'object' && parsed !== null ? (parsed as KubeconfigDocument) : { apiVersion: 'v1', kind: 'Config' };
}

function write(path: string, document: KubeconfigDocument): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic(path, stringify(document), 0o600);
}

function upsert(list: Named[] | undefined, entry: Named): Named[] {
  const others = (list ?? []).filter((item) => item.name !== entry.name);
  return [...others, entry];
}

function without(list: Named[] | undefined, name: string): Named[] {
  return (list ?? []).filter((item) => item.name !== name);
}

export function currentContextOf(path: string): string | undefined {
  return read(path)['current-context'] || undefined;
}

/**
 * Writes the sandbox entries; makes the context current when `switchContext`.
 * Returns the current-context before the change.
 */
export function addSandboxContext(path: string, credentials: SandboxCredentials, switchContext: boolean): string | undefined {
  const document = read(path);
  const previous = document['current-context'] || undefined;
  const cluster: Record<string, string> = { server: credentials.server };
  if (credentials.caCertPem) cluster['certificate-authority-data'] = Buffer.from(credentials.caCertPem).toString('base64');
  document.clusters = upsert(document.clusters, { name: SANDBOX_CONTEXT, cluster });
  document.users = upsert(document.users, { name: SANDBOX_CONTEXT, user: { token: credentials.token } });
  document.contexts = upsert(document.contexts, { name: SANDBOX_CONTEXT, context: { cluster: SANDBOX_CONTEXT, user: SANDBOX_CONTEXT } });
  if (switchContext) document['current-context'] = SANDBOX_CONTEXT;
  write(path, document);
  return previous;
}

/** Removes the sandbox entries; if the sandbox was current, `restore` becomes current (when it still exists). */
export function removeSandboxContext(path: string, restore: string | undefined): { restored?: string } {
  if (!existsSync(path)) return {};
  const document = read(path);
  document.clusters = without(document.clusters, SANDBOX_CONTEXT);
  document.users = without(document.users, SANDBOX_CONTEXT);
  document.contexts = without(document.contexts, SANDBOX_CONTEXT);
  const result: { restored?: string } = {};
  if (document['current-context'] === SANDBOX_CONTEXT) {
    if (restore && restore !== SANDBOX_CONTEXT && document.contexts.some((context) => context.name === restore)) {
      document['current-context'] = restore;
      result.restored = restore;
    } else {
      delete document['current-context'];
    }
  }
  write(path, document);
  return result;
}
