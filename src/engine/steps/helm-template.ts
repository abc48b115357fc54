// helm-template: render a chart with the user's `helm`, to one file, to
// Helm's directory layout, or flat (one file per resource).

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { array, boolean, defineConfig, nonEmptyString, object, string } from '../config-schema.js';
import { writeFlatManifests } from '../files/flat-manifests.js';
import { errorMessage } from '../files/fs-errors.js';
import { helmTemplateArgs, writesToFile } from '../files/helm-template-args.js';
import type { HelmTemplateConfig } from '../files/helm-template-args.js';
import { findProgram, runProgram } from '../files/program.js';
import type { StepRunner } from '../step.js';
import { resolveInWorkDir } from '../workdir.js';

export type { HelmTemplateConfig };

export const helmTemplateStep: StepRunner<HelmTemplateConfig> = {
  kind: 'helm-template',
  validate: defineConfig(
    'helm-template',
    object(
      {
        path: nonEmptyString(),
        outPath: nonEmptyString(),
        outLayout: string({ enum: ['helm', 'flat'] }),
        releaseName: nonEmptyString(),
        useReleaseName: boolean(),
        namespace: string(),
        valuesFiles: array(nonEmptyString()),
        ignoreMissingValueFiles: boolean(),
        setValues: array(object({ key: nonEmptyString(), value: string(), literal: boolean() }, { required: ['key', 'value'] })),
        buildDependencies: boolean(),
        includeCRDs: boolean(),
        disableHooks: boolean(),
        skipTests: boolean(),
        kubeVersion: string(),
        apiVersions: array(nonEmptyString()),
      },
      { required: ['outPath', 'path', 'releaseName'] },
    ),
  ),
  async run(context, config) {
    const helm = await findProgram('helm');
    if (!helm) throw new Error('helm-template needs the `helm` program and found none on PATH; install Helm 3 and retry');
    const args = await helmTemplateArgs(context.workDir, context.project, config);
    let manifests: string;
    try {
      manifests = await runProgram(helm, args, { cwd: context.workDir, signal: context.signal });
    } catch (error) {
      throw new Error(`failed to render chart: ${errorMessage(error)}`);
    }
    const outPath = resolveInWorkDir(context.workDir, config.outPath);
    try {
      if (writesToFile(config)) {
        await mkdir(dirname(outPath), { recursive: true });
        await writeFile(outPath, `${manifests.trim()}\n`);
      } else if (config.outLayout === 'flat') {
        await writeFlatManifests(outPath, manifests);
      }
    } catch (error) {
      throw new Error(`failed to write rendered chart: ${errorMessage(error)}`);
    }
    return { status: 'Succeeded' };
  },
};
