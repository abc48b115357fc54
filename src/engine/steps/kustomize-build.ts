// kustomize-build: render a kustomization with the user's `kustomize` (or
// `kubectl kustomize`), into one file or one file per resource.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import { array, defineConfig, nonEmptyString, object, string } from '../config-schema.js';
import { errorMessage } from '../files/fs-errors.js';
import { writeManifestFiles } from '../files/manifest-files.js';
import type { OutputFormat } from '../files/manifest-files.js';
import { findProgram, runProgram } from '../files/program.js';
import type { StepRunner } from '../step.js';
import { resolveInWorkDir } from '../workdir.js';

export interface KustomizeBuildConfig {
  path: string;
  outPath: string;
  outputFormat?: OutputFormat;
  plugin?: { helm?: { apiVersions?: string[]; kubeVersion?: string } };
}

export const kustomizeBuildStep: StepRunner<KustomizeBuildConfig> = {
  kind: 'kustomize-build',
  validate: defineConfig(
    'kustomize-build',
    object(
      {
        path: nonEmptyString(),
        outPath: nonEmptyString(),
        outputFormat: string({ enum: ['kargo', 'kustomize'] }),
        plugin: object({
          helm: object({ apiVersions: array(nonEmptyString()), kubeVersion: string() }),
        }),
      },
      { required: ['path', 'outPath'] },
    ),
  ),
  async run(context, config) {
    const source = resolveInWorkDir(context.workDir, config.path);
    const outPath = resolveInWorkDir(context.workDir, config.outPath);
    const command = await kustomizeCommand();
    // Kargo builds with load restrictions off and the Helm chart inflator on.
    const args = [...command.args, source, '--load-restrictor', 'LoadRestrictionsNone', '--enable-helm'];
    for (const version of config.plugin?.helm?.apiVersions ?? []) args.push('--helm-api-versions', version);
    if (config.plugin?.helm?.kubeVersion) args.push('--helm-kube-version', config.plugin.helm.kubeVersion);
    let manifests: string;
    try {
      manifests = await runProgram(command.file, args, { cwd: context.workDir, signal: context.signal });
    } catch (error) {
      throw new Error(`${command.name} failed to build ${JSON.stringify(config.path)}: ${errorMessage(error)}`);
    }
    try {
      if (['.yaml', '.yml'].includes(extname(outPath))) {
        await mkdir(dirname(outPath), { recursive: true });
        await writeFile(outPath, manifests);
      } else {
        await writeManifestFiles(outPath, manifests, config.outputFormat ?? 'kargo');
      }
    } catch (error) {
      throw new Error(`failed to write built manifests to ${JSON.stringify(config.outPath)}: ${errorMessage(error)}`);
    }
    return { status: 'Succeeded' };
  },
};

async function kustomizeCommand(): Promise<{ name: string; file: string; args: string[] }> {
  const kustomize = await findProgram('kustomize');
  if (kustomize) return { name: 'kustomize', file: kustomize, args: ['build'] };
  const kubectl = await findProgram('kubectl');
  if (kubectl) return { name: 'kubectl kustomize', file: kubectl, args: ['kustomize'] };
  throw new Error(
    'kustomize-build needs the `kustomize` program, or `kubectl` for `kubectl kustomize`, and found neither on PATH; install one of them and retry',
  );
}
