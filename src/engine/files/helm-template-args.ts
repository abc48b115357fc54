// The `helm template` command line for a helm-template config, mirroring the
// install action Kargo sets up (client-only dry run, namespace defaulting to
// the project, values files then --set values, CRDs, hooks, versions).

import { stat } from 'node:fs/promises';
import { resolveInWorkDir } from '../workdir.js';

export interface HelmTemplateConfig {
  path: string;
  outPath: string;
  outLayout?: 'helm' | 'flat';
  releaseName: string;
  useReleaseName?: boolean;
  namespace?: string;
  valuesFiles?: string[];
  ignoreMissingValueFiles?: boolean;
  setValues?: { key: string; value: string; literal?: boolean }[];
  buildDependencies?: boolean;
  includeCRDs?: boolean;
  disableHooks?: boolean;
  skipTests?: boolean;
  kubeVersion?: string;
  apiVersions?: string[];
}

export const writesToFile = (config: HelmTemplateConfig): boolean => /\.ya?ml$/.test(config.outPath);

export async function helmTemplateArgs(workDir: string, project: string, config: HelmTemplateConfig): Promise<string[]> {
  const args = ['template', config.releaseName, resolveInWorkDir(workDir, config.path)];
  args.push('--namespace', config.namespace || project);
  for (const file of config.valuesFiles ?? []) {
    const absolute = resolveInWorkDir(workDir, file);
    if (config.ignoreMissingValueFiles && !(await exists(absolute))) continue;
    args.push('--values', absolute);
  }
  for (const value of config.setValues ?? []) {
    args.push(value.literal ? '--set-literal' : '--set', `${value.key}=${value.value}`);
  }
  if (config.buildDependencies) args.push('--dependency-update');
  if (config.includeCRDs) args.push('--include-crds');
  if (config.disableHooks) args.push('--no-hooks');
  if (config.skipTests) args.push('--skip-tests');
  if (config.kubeVersion) args.push('--kube-version', config.kubeVersion);
  for (const version of config.apiVersions ?? []) args.push('--api-versions', version);
  if (!writesToFile(config) && config.outLayout !== 'flat') {
    args.push('--output-dir', resolveInWorkDir(workDir, config.outPath));
    if (config.useReleaseName) args.push('--release-name');
  }
  return args;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
