// The controller stopped while a Promotion waits for the rollout, after its
// git push: a new controller (same working directories) resumes the Promotion
// at the waiting step, and the push is not repeated — Git has one commit for it.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { git } from '../engine/support/bare-repo.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { type LiveController, openLiveProject, runLiveController } from './live/harness.js';
import { FREIGHT } from './live/pipeline.js';
import { promotionName } from '../support/promotion-output.js';

let cluster: TestCluster;
let controller: LiveController | undefined;
beforeAll(async () => {
  cluster = await startTestCluster();
});
afterAll(async () => {
  await controller?.stop();
  await cluster?.close();
});

it('a restarted controller resumes a Promotion after its push without pushing again', { timeout: 90_000 }, async () => {
  controller = await runLiveController(cluster.kubeconfigPath);
  const p = await openLiveProject({ adminKubeconfig: cluster.kubeconfigPath, kubeconfigFor: (user, groups) => cluster.kubeconfigFor(user, groups) });
  try {
    p.world.setRollout('dev', 'rolling');
    const created = await p.kargo(['promote', '--stage', 'dev', '--freight', FREIGHT.next.alias]);
    expect(created.code, created.stderr).toBe(ExitCode.Success);
    const name = promotionName(created.stdout);
    await expect.poll(async () => (await p.promotions('dev'))[0]?.status?.stepExecutionMetadata?.[4]?.status, { timeout: 30_000 }).toBe('Running');
    const workRoot = controller.workRoot;
    await controller.stop({ keepWorkRoot: true });
    const pushedBefore = git(workRoot, ['--git-dir', p.world.repo.path, 'rev-list', '--count', 'main']);

    p.world.setRollout('dev', 'done');
    controller = await runLiveController(cluster.kubeconfigPath, { workRoot });
    const run = await p.kargo(['promote', '--name', name, '--wait', '--timeout', '30s']);
    expect(run.code, run.stderr).toBe(ExitCode.Success);
    expect(git(workRoot, ['--git-dir', p.world.repo.path, 'rev-list', '--count', 'main'])).toBe(pushedBefore);
    expect(git(workRoot, ['--git-dir', p.world.repo.path, 'log', '--format=%s', 'main'])).toMatch(/^Promote jolly-penguin to dev\nseed$/);
    expect(p.world.deployedTag('dev')).toBe(FREIGHT.next.tag);
    expect(controller.errors.map(({ error }) => error)).toEqual([]);
  } finally {
    await p.close();
  }
});
