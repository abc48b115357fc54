// The built bin/kargo as a child process, as a CI job runs it: the exit code of
// `promote --wait` reaches the shell, and a real SIGINT (Ctrl-C) ends the wait
// with 130 while the promotion goes on (the fake controller plays Kargo).

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { resources } from '../../src/kube/resources.js';
import type { Promotion } from '../../src/model/kargo.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { FREIGHT } from './fixtures.js';
import { type ScenarioProject, openProject } from './harness.js';

const BIN = join(fileURLToPath(new URL('../../', import.meta.url)), 'bin', 'kargo.js');

let cluster: TestCluster;
let project: ScenarioProject;
let failDev = false;

beforeAll(async () => {
  cluster = await startTestCluster();
  project = await openProject(
    { adminKubeconfig: cluster.kubeconfigPath, kubeconfigFor: (user, groups) => cluster.kubeconfigFor(user, groups) },
    {
      holdPromotion: (promotion) => promotion.spec.stage === 'staging',
      steps: (promotion) => (failDev && promotion.spec.stage === 'dev' ? [{ status: 'Errored', message: 'git push: authentication required' }] : undefined),
    },
  );
});

afterAll(async () => {
  await project?.close();
  await cluster?.close();
});

function kargo(
  argv: string[],
  onStderr?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '-p', project.project, ...argv], {
      env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', KUBECONFIG: cluster.kubeconfigPath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('a failed promotion exits 5 from the real process, with the step and message on stderr', async () => {
  failDev = true;
  const run = await kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias, '--wait']);
  expect(run.code).toBe(ExitCode.PromotionFailed);
  expect(run.stderr).toMatch(/Promotion dev\.\S+ Errored at step step-1: git push: authentication required/);
  expect(run.stdout).toMatch(/^promotion\.kargo\.akuity\.io\/dev\.\S+ promotion created\n$/);
});

it('Ctrl-C stops the wait with 130; the promotion goes on in the cluster', async () => {
  await project.admin.patch(resources.freight, FREIGHT.old.name, { status: { verifiedIn: { dev: { verifiedAt: '2026-11-22T12:00:00Z' } } } }, project.project, {
    subresource: 'status',
  });
  let sent = false;
  const run = await kargo(['promote', '--stage', 'staging', '--freight', FREIGHT.old.alias, '--wait'], (text, child) => {
    if (!sent && text.includes('Running')) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  expect(run.code).toBe(ExitCode.Interrupted);
  expect(run.stderr).toMatch(/The promotion goes on in the cluster; follow it again with: kargo promote -p \S+ --name staging\.\S+ --wait/);
  const promotions = (await project.admin.list<Promotion>(resources.promotion, project.project)).items.filter((p) => p.spec.stage === 'staging');
  expect(promotions.map((p) => p.status?.phase)).toEqual(['Running']);
});
