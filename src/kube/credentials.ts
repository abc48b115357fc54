// Puts the current user's credentials and TLS material on a request: the
// kubeconfig's own (tokens, client certificates, auth providers) and the exec
// plugin, which runs here with a time limit (exec-plugin.ts).

import type https from 'node:https';
import { KubeConfigError, KubeCredentialsError } from './errors.js';
import { execCredential } from './exec-plugin.js';
import type { LoadedKubeConfig } from './kubeconfig.js';

export interface CredentialContext {
  contextName: string;
  execTimeoutMs: number;
  now: () => Date;
}

export async function applyCredentials(loaded: LoadedKubeConfig, options: https.RequestOptions, context: CredentialContext): Promise<void> {
  try {
    await loaded.applyTo(options);
  } catch (error) {
    // An auth provider or a credential file failed before any request was sent.
    if (error instanceof KubeConfigError) throw error;
    throw new KubeCredentialsError(`cannot get credentials for context "${context.contextName}": ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (!loaded.execPlugin) return;
  const status = await execCredential(loaded.execPlugin, {
    userName: loaded.userName,
    contextName: context.contextName,
    timeoutMs: context.execTimeoutMs,
    now: context.now,
  });
  if (status.clientCertificateData) options.cert = status.clientCertificateData;
  if (status.clientKeyData) options.key = status.clientKeyData;
  if (status.token) options.headers = { ...options.headers, Authorization: `Bearer ${status.token}` };
}
