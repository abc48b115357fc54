// Which Kargo project (namespace) a command works in, in kargo's order of
// precedence: -p/--project, KARGO_PROJECT, `kargo config set-project`, then the
// namespace of the kubeconfig context.

import type { ClusterIdentity } from '../kube/client.js';
import { Failure } from '../runtime/failure.js';

export type ProjectSource = 'flag' | 'env' | 'config' | 'kubeconfig';

export interface ResolvedProject {
  name: string;
  source: ProjectSource;
}

export async function resolveProject(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  /** Loads the kubeconfig; called only when nothing else names a project. */
  cluster: () => Promise<Pick<ClusterIdentity, 'namespace'> | undefined>,
): Promise<ResolvedProject> {
  if (flag) return { name: flag, source: 'flag' };
  if (env.KARGO_PROJECT) return { name: env.KARGO_PROJECT, source: 'env' };
  // Loaded here, not at start: its YAML parser is most of what `version --client` would otherwise load.
  const { readUserConfig } = await import('./user-config.js');
  const stored = (await readUserConfig(env)).project;
  if (stored) return { name: stored, source: 'config' };
  const namespace = (await cluster())?.namespace;
  if (namespace) return { name: namespace, source: 'kubeconfig' };
  throw new Failure(
    'usage',
    'no project selected',
    'Pass -p NAME, set KARGO_PROJECT, run `kargo config set-project NAME`, or set a namespace on your kubeconfig context.',
  );
}
