// Where the sandbox keeps its files: $XDG_STATE_HOME/kargo/sandbox, else
// ~/.local/state/kargo/sandbox, unless --state-dir says otherwise.

import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

export interface SandboxPaths {
  stateDir: string;
  /** The API server's own state (objects, users, TLS material). */
  serverDir: string;
  pidFile: string;
  logFile: string;
  /** Written by the server process once it listens: url, CA, admin token. */
  endpointFile: string;
  /** What `start` changed in the user's kubeconfig, so `stop` can undo it. */
  sessionFile: string;
  /** A standalone kubeconfig for the sandbox admin. */
  kubeconfigFile: string;
  /** The OCI registry's images (see registry/README.md). */
  registryDir: string;
  /** The registry's port and credentials, kept so image references stay valid across restarts. */
  registryFile: string;
  /** The Argo CD stand-in's workloads (ports, versions). */
  argocdDir: string;
  /** What `--example` created: the Git repository and its record. */
  exampleDir: string;
}

export const SANDBOX_CONTEXT = 'kargo-sandbox';

function homeOf(env: Env): string {
  return env.HOME && env.HOME !== '' ? env.HOME : homedir();
}

/** $XDG_STATE_HOME/kargo, else ~/.local/state/kargo: where kargo keeps state it owns. */
export function kargoStateHome(env: Env): string {
  const xdg = env.XDG_STATE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homeOf(env), '.local', 'state');
  return join(base, 'kargo');
}

function defaultStateDir(env: Env): string {
  return join(kargoStateHome(env), 'sandbox');
}

export function sandboxPaths(env: Env, stateDir?: string): SandboxPaths {
  const dir = stateDir ? resolve(stateDir) : defaultStateDir(env);
  return {
    stateDir: dir,
    serverDir: join(dir, 'server'),
    pidFile: join(dir, 'sandbox.pid'),
    logFile: join(dir, 'sandbox.log'),
    endpointFile: join(dir, 'endpoint.json'),
    sessionFile: join(dir, 'session.json'),
    kubeconfigFile: join(dir, 'kubeconfig'),
    registryDir: join(dir, 'registry'),
    registryFile: join(dir, 'registry.json'),
    argocdDir: join(dir, 'argocd'),
    exampleDir: join(dir, 'example'),
  };
}

/** The kubeconfig file `start` edits: --kubeconfig, else the first $KUBECONFIG entry, else ~/.kube/config. */
export function activeKubeconfigPath(env: Env, flag?: string): string {
  if (flag) return resolve(flag);
  const first = (env.KUBECONFIG ?? '').split(':').find((entry) => entry !== '');
  return first ? resolve(first) : join(homeOf(env), '.kube', 'config');
}
