// `kargo sandbox start --example`: everything the course pipeline needs,
// made inside the sandbox's state dir and written by this project (no
// network, no files from outside the package) — the Git repository of
// Kustomize manifests, the first release in the sandbox registry, and the
// project's objects. Safe to run again: what exists is kept.

import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { KubeClient } from '../../kube/client.js';
import { KubeApiError } from '../../kube/errors.js';
import { resources, type ResourceType } from '../../kube/resources.js';
import type { KubeObject } from '../../model/kargo.js';
import { writeFileAtomic } from '../../runtime/atomic-file.js';
import { APPLICATIONS } from '../argocd-standin/application.js';
import type { SandboxPaths } from '../paths.js';
import { pushImage, registryHost, registrySettings } from '../sandbox-registry.js';
import { seedExampleRepository } from './git-repo.js';
import { projectObjects } from './project.js';
import { analysisTemplates, promotionTask } from './promotion.js';
import { ARGOCD_NAMESPACE, type ExampleSettings, FIRST_RELEASE, IMAGE_NAME } from './settings.js';
import { application, STAGES, stage, type StageName } from './stages.js';

const SECRETS: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  shortNames: [],
  hasStatus: false,
};
const TYPES: Record<string, ResourceType> = {
  Namespace: resources.namespace,
  Project: resources.project,
  ProjectConfig: resources.projectConfig,
  Secret: SECRETS,
  Warehouse: resources.warehouse,
  Stage: resources.stage,
  PromotionTask: resources.promotionTask,
  AnalysisTemplate: resources.analysisTemplate,
  Application: APPLICATIONS,
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}

async function settingsOf(paths: SandboxPaths, soak: string): Promise<ExampleSettings> {
  const file = join(paths.exampleDir, 'example.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ExampleSettings;
  const host = registryHost(paths);
  if (!host) throw new Error('the sandbox registry has not started yet; start the sandbox first');
  const imageRepo = `${host}/${IMAGE_NAME}`;
  const { username, password } = registrySettings(paths);
  const repoURL = await seedExampleRepository(join(paths.exampleDir, 'my-web-app-config.git'), imageRepo);
  const ports = {} as Record<StageName, number>;
  for (const name of STAGES) ports[name] = await freePort();
  const settings: ExampleSettings = { repoURL, imageRepo, registry: { username, password }, ports, soak };
  writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`, 0o600);
  return settings;
}

export interface ExampleResult {
  settings: ExampleSettings;
  created: string[];
  existing: string[];
}

export async function createExample(paths: SandboxPaths, client: KubeClient, options: { soak?: string } = {}): Promise<ExampleResult> {
  const settings = await settingsOf(paths, options.soak ?? '2m');
  await pushImage(paths, IMAGE_NAME, FIRST_RELEASE, { broken: false });
  const objects: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ARGOCD_NAMESPACE } },
    ...projectObjects(settings).filter((object) => object.kind !== 'Warehouse'),
    promotionTask(settings),
    ...analysisTemplates(),
    ...STAGES.map((name) => application(name, settings)),
    ...STAGES.map((name) => stage(name, settings)),
    // Last: its Freight is auto-promoted into dev, which must be ready for it.
    ...projectObjects(settings).filter((object) => object.kind === 'Warehouse'),
  ];
  const result: ExampleResult = { settings, created: [], existing: [] };
  for (const object of objects) {
    const type = TYPES[object.kind ?? ''];
    if (!type) throw new Error(`no API resource for kind ${object.kind ?? ''}`);
    const label = `${type.singular}/${object.metadata.name ?? ''}`;
    try {
      await client.create(type, object, type.namespaced ? object.metadata.namespace : undefined);
      result.created.push(label);
    } catch (error) {
      if (!(error instanceof KubeApiError && error.code === 409)) throw error;
      result.existing.push(label);
    }
  }
  return result;
}
