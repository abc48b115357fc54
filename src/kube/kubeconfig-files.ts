// Which kubeconfig files kubectl would read: --kubeconfig, else every existing
// file in KUBECONFIG (merged, first wins), else ~/.kube/config.

import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { ClusterSelection } from './cluster-selection.js';
import { KubeConfigError } from './errors.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export function kubeconfigFiles(selection: Pick<ClusterSelection, 'kubeconfig'>, env: Environment): string[] {
  if (selection.kubeconfig) {
    if (!existsSync(selection.kubeconfig)) throw new KubeConfigError(`kubeconfig file ${selection.kubeconfig} does not exist`);
    return [selection.kubeconfig];
  }
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((file) => file && existsSync(file));
  if (fromEnv.length > 0) return fromEnv;
  const home = env.HOME ?? env.USERPROFILE;
  const defaultFile = home ? join(home, '.kube', 'config') : undefined;
  return defaultFile && existsSync(defaultFile) ? [defaultFile] : [];
}
