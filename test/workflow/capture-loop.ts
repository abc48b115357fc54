// Runs the full workflow loop against the embedded server (the fake controller
// playing Kargo) and prints each command with its output and exit code: the
// source of the transcript in docs/workflow.md. Run: npx tsx test/workflow/capture-loop.ts
import { startTestCluster } from '../support/test-cluster.js';
import { FakeKargoController } from './fake-controller.js';
import { createProject } from './fixtures.js';
import { CapturedStream, clientFor, runKargo } from './harness.js';

const cluster = await startTestCluster();
const admin = await clientFor(cluster.kubeconfigPath);
const project = 'shop';
await createProject(admin, project);
const controller = new FakeKargoController(
  admin,
  project,
  {
    metrics: () => [
      { name: 'success-rate', phase: 'Successful', value: '0.997' },
      { name: 'p95-latency-ms', phase: 'Successful', value: '182' },
    ],
  },
  1_100,
).start();

const steps: string[][] = [
  ['promote', '--stage', 'dev', '--freight', 'brave-heron', '--wait=verification'],
  ['promote', '--stage', 'dev', '--freight', 'jolly-penguin', '--wait=verification'],
  ['promote', '--stage', 'staging', '--freight', 'jolly-penguin', '--wait=verification'],
  ['promote', '--stage', 'prod', '--freight', 'jolly-penguin'],
  ['approve', '--freight', 'jolly-penguin', '--stage', 'prod'],
  ['promote', '--stage', 'prod', '--freight', 'jolly-penguin', '--wait'],
  ['rollback', '--stage', 'dev', '--wait=verification'],
];
for (const argv of steps) {
  const stderr = new CapturedStream();
  const run = await runKargo(['-p', project, ...argv], { kubeconfig: cluster.kubeconfigPath, stderr });
  process.stdout.write(`$ kargo -p ${project} ${argv.join(' ')}\n${run.stderr}${run.stdout}$ echo $?\n${run.code}\n\n`);
}
await controller.stop();
await cluster.close();
