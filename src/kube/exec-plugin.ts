// Runs a kubeconfig `exec` credential plugin (client.authentication.k8s.io) the
// way kubectl does, but with a time limit (the per-request limit, so
// --request-timeout 0 lifts it): a plugin that never answers is killed and
// reported by name instead of hanging the command. Credentials are cached
// per user until their expirationTimestamp.

import { spawn } from 'node:child_process';
import { KubeCredentialsError } from './errors.js';
import { MAX_TIMER_MS } from './request-timeout.js';

export interface ExecPluginSpec {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  apiVersion?: string;
  interactiveMode?: string;
  installHint?: string;
}

export interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

export interface ExecPluginContext {
  userName: string;
  contextName: string;
  timeoutMs: number;
  now: () => Date;
}

const cache = new Map<string, ExecCredentialStatus>();

export function isExecPluginSpec(value: unknown): value is ExecPluginSpec {
  return typeof value === 'object' && value !== null && typeof (value as { command?: unknown }).command === 'string';
}

export async function execCredential(spec: ExecPluginSpec, context: ExecPluginContext): Promise<ExecCredentialStatus> {
  const key = JSON.stringify([context.userName, spec.command, spec.args ?? []]);
  const cached = cache.get(key);
  if (cached && (!cached.expirationTimestamp || Date.parse(cached.expirationTimestamp) > context.now().getTime())) return cached;
  const status = parseCredential(await run(spec, context), spec, context);
  cache.set(key, status);
  return status;
}

function failure(spec: ExecPluginSpec, context: ExecPluginContext, what: string): KubeCredentialsError {
  return new KubeCredentialsError(
    `cannot get credentials for context "${context.contextName}": the exec credential plugin "${spec.command}" of user "${context.userName}" ${what}`,
  );
}

function run(spec: ExecPluginSpec, context: ExecPluginContext): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const { name, value } of spec.env ?? []) env[name] = value;
  const interactive = spec.interactiveMode !== 'Never' && process.stdin.isTTY === true;
  env.KUBERNETES_EXEC_INFO = JSON.stringify({
    apiVersion: spec.apiVersion ?? 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    spec: { interactive },
  });
  return new Promise((resolve, reject) => {
    const child = spawn(spec.command, spec.args ?? [], { env, stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const limit = Math.min(context.timeoutMs, MAX_TIMER_MS);
    const timer =
      limit <= 0
        ? undefined
        : setTimeout(() => {
            child.kill('SIGKILL');
            reject(
              failure(
                spec,
                context,
                `did not answer within ${Math.round(context.timeoutMs / 1000)}s; run it on its own to see what it waits for, or log in again`,
              ),
            );
          }, limit);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = spec.installHint ? `: ${spec.installHint.trim().split('\n')[0]}` : '';
      reject(failure(spec, context, error.code === 'ENOENT' ? `was not found${hint}` : `could not be started: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(stdout);
      const detail = stderr.trim().split('\n').at(-1) ?? '';
      reject(failure(spec, context, `failed (${code === null ? `signal ${signal}` : `exit ${code}`})${detail ? `: ${detail}` : ''}`));
    });
  });
}

function parseCredential(output: string, spec: ExecPluginSpec, context: ExecPluginContext): ExecCredentialStatus {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch {
    throw failure(spec, context, 'printed something that is not an ExecCredential (JSON expected)');
  }
  const status = (parsed as { status?: unknown } | null)?.status;
  if (typeof status !== 'object' || status === null) throw failure(spec, context, 'printed an ExecCredential without status');
  const fields = status as Record<string, unknown>;
  const result: ExecCredentialStatus = {};
  for (const name of ['token', 'clientCertificateData', 'clientKeyData', 'expirationTimestamp'] as const) {
    if (typeof fields[name] === 'string') result[name] = fields[name];
  }
  if (!result.token && !(result.clientCertificateData && result.clientKeyData))
    throw failure(spec, context, 'returned neither a token nor a client certificate and key');
  return result;
}
