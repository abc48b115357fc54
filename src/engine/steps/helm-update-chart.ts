// helm-update-chart: set dependency versions in a chart's Chart.yaml (only
// the version scalars change), then update charts/ and Chart.lock as
// `helm dependency update` would; the commit message lists what moved.

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { array, defineConfig, nonEmptyString, object } from '../config-schema.js';
import { readDependencies, updateChartDependencies } from '../files/chart-lock.js';
import type { ChartDependency } from '../files/chart-lock.js';
import { errorMessage, fsReason } from '../files/fs-errors.js';
import { setYamlValues } from '../files/yaml-values.js';
import type { ValueUpdate } from '../files/yaml-values.js';
import type { StepRunner } from '../step.js';
import { resolveInWorkDir } from '../workdir.js';

export interface HelmUpdateChartConfig {
  path: string;
  charts?: { repository: string; name: string; version: string }[];
}

export const helmUpdateChartStep: StepRunner<HelmUpdateChartConfig> = {
  kind: 'helm-update-chart',
  validate: defineConfig(
    'helm-update-chart',
    object(
      {
        path: nonEmptyString(),
        charts: array(
          object({ repository: nonEmptyString(), name: nonEmptyString(), version: nonEmptyString() }, { required: ['repository', 'name', 'version'] }),
          { minItems: 1 },
        ),
      },
      { required: ['path'] },
    ),
  ),
  async run(context, config) {
    const chartDir = resolveInWorkDir(context.workDir, config.path);
    const chartFile = join(chartDir, 'Chart.yaml');
    let dependencies: ChartDependency[];
    try {
      dependencies = await readDependencies(chartFile);
    } catch (error) {
      throw new Error(`get chart dependencies: read file ${JSON.stringify(join(config.path, 'Chart.yaml'))}: ${fsReason(error)}`);
    }
    const updates = versionUpdates(dependencies, config.charts ?? []);
    if (updates.length > 0) {
      const text = await readFile(chartFile, 'utf8');
      await writeFile(chartFile, setYamlValues(text, updates));
    }
    let changes: Map<string, string>;
    try {
      changes = await updateChartDependencies(chartDir, context);
    } catch (error) {
      throw new Error(`update chart dependencies: ${errorMessage(error)}`);
    }
    if (changes.size === 0) return { status: 'Succeeded' };
    const lines = [...changes.keys()].sort().map((name) => `\n- ${name}: ${changes.get(name) || 'removed'}`);
    return { status: 'Succeeded', output: { commitMessage: `Updated chart dependencies for ${config.path}\n${lines.join('')}` } };
  },
};

function versionUpdates(dependencies: readonly ChartDependency[], charts: NonNullable<HelmUpdateChartConfig['charts']>): ValueUpdate[] {
  const updates: ValueUpdate[] = [];
  for (const chart of charts) {
    const index = dependencies.findIndex((dependency) => dependency.name === chart.name && dependency.repository === chart.repository);
    if (index < 0) {
      throw new Error(
        `process dependency updates: no dependency in Chart.yaml matches update with repository ${JSON.stringify(chart.repository)} and name ${JSON.stringify(chart.name)}`,
      );
    }
    if (dependencies[index]?.version !== chart.version) updates.push({ key: `dependencies.${index}.version`, value: chart.version });
  }
  return updates;
}
