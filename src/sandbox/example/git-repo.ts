// The example's Git repository: a bare repository in the state dir whose
// `main` holds one Kustomize directory per Stage (stages/<stage>/: a
// Deployment of the application and a kustomization naming it). Promotions
// write each Stage's rendered directory to its `stage/<stage>` branch.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIRST_RELEASE } from './settings.js';
import { STAGES } from './stages.js';

function git(cwd: string, args: string[]): Promise<string> {
  const identity = { GIT_AUTHOR_NAME: 'Kargo sandbox', GIT_AUTHOR_EMAIL: 'sandbox@kargo.invalid' };
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: cwd,
          GIT_CONFIG_NOSYSTEM: '1',
          ...identity,
          GIT_COMMITTER_NAME: identity.GIT_AUTHOR_NAME,
          GIT_COMMITTER_EMAIL: identity.GIT_AUTHOR_EMAIL,
        },
      },
      (error, stdout, stderr) => (error ? reject(new Error(`git ${args[0] ?? ''}: ${stderr.trim() || error.message}`)) : resolve(stdout.trim())),
    );
  });
}

function deployment(stage: string, image: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: my-web-app',
    '  labels:',
    '    app: my-web-app',
    'spec:',
    `  replicas: ${stage.startsWith('prod') ? 3 : 1}`,
    '  selector:',
    '    matchLabels:',
    '      app: my-web-app',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: my-web-app',
    '    spec:',
    '      containers:',
    '        - name: web',
    `          image: ${image}:${FIRST_RELEASE}`,
    '          env:',
    '            - name: STAGE',
    `              value: ${stage}`,
    '',
  ].join('\n');
}

/** Creates the bare repository at `path` (unless it exists) and returns its file:// URL. */
export async function seedExampleRepository(path: string, imageRepo: string): Promise<string> {
  const url = pathToFileURL(path).href;
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if ((await git(path, ['rev-parse', '--is-bare-repository']).catch(() => '')) === 'true') return url;
  await git(path, ['init', '--quiet', '--bare', '--initial-branch=main']);
  const work = mkdtempSync(join(path, '..', 'seed-'));
  try {
    await git(work, ['init', '--quiet', '--initial-branch=main']);
    for (const stage of STAGES) {
      mkdirSync(join(work, 'stages', stage), { recursive: true });
      writeFileSync(join(work, 'stages', stage, 'deployment.yaml'), deployment(stage, imageRepo));
      writeFileSync(join(work, 'stages', stage, 'kustomization.yaml'), `resources:\n  - deployment.yaml\nnamespace: my-web-app-${stage}\n`);
    }
    await git(work, ['add', '.']);
    await git(work, ['commit', '--quiet', '-m', 'my-web-app: Kustomize manifests per stage']);
    await git(work, ['push', '--quiet', path, 'HEAD:refs/heads/main']);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return url;
}
