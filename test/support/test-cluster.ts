// Shared test harness: an embedded API server plus kubeconfig files for it.
//
//   const cluster = await startTestCluster();          // CRDs from ../shared/crds applied
//   cluster.kubeconfigPath                              // admin (system:masters) kubeconfig file
//   await cluster.kubeconfigFor('alice', ['team-a'])    // a kubeconfig file for another user
//   cluster.server.requests / clearRequests() / faults  // request log and fault injection
//   await cluster.close()                               // stops the server, removes the files
//
// Contract relied on by other suites (CLI, workflow): keep these names and meanings stable.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type EmbeddedServer, type ServerOptions } from '../../src/server/index.js';

export interface TestClusterOptions {
  /** Apply the real CRDs from ../shared/crds (default true) so objects are schema-validated. */
  crds?: boolean;
  /** Extra server options (state dir, body limit, bookmark interval, …). */
  server?: Omit<ServerOptions, 'crdDirs'>;
}

export interface TestCluster {
  server: EmbeddedServer;
  /** Admin kubeconfig (user `admin`, group system:masters) written to a temp file. */
  kubeconfigPath: string;
  /**
   * Writes a kubeconfig for `user` and returns its path. A new user is created with
   * `groups` (none by default); passing `groups` for a known user replaces its groups,
   * omitting them keeps what it has (so `kubeconfigFor('admin')` stays in system:masters).
   */
  kubeconfigFor(user: string, groups?: string[]): Promise<string>;
  close(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The shared CRD directories (Kargo, Argo Rollouts, Argo CD). */
export const SHARED_CRD_DIRS = ['kargo', 'argo-rollouts', 'argo-cd'].map((dir) => join(repoRoot, '..', 'shared', 'crds', dir));

export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const crdDirs = options.crds === false ? [] : SHARED_CRD_DIRS;
  const server = await startServer({ ...options.server, crdDirs });
  const dir = await mkdtemp(join(tmpdir(), 'kargo-test-cluster-'));
  const kubeconfigPath = join(dir, 'admin.kubeconfig');
  await writeFile(kubeconfigPath, server.kubeconfig(), { mode: 0o600 });
  return {
    server,
    kubeconfigPath,
    async kubeconfigFor(user, groups) {
      if (groups !== undefined) server.addUser(user, groups);
      const path = join(dir, `${user.replace(/[^A-Za-z0-9_.-]/g, '_')}.kubeconfig`);
      await writeFile(path, server.kubeconfig(user), { mode: 0o600 });
      return path;
    },
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
