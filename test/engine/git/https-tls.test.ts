// git-clone and git-push over HTTPS with a certificate git does not trust:
// refused by default, accepted with insecureSkipTLSVerify (remembered by the
// clone for the push), and credentials served without ALLOW_CREDENTIALS_OVER_HTTP.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateCertificates } from '../../../src/server/tls.js';
import { resources } from '../../../src/kube/resources.js';
import { engineResources } from '../../../src/engine/kube-resources.js';
import { gitCloneStep } from '../../../src/engine/steps/git-clone.js';
import { gitCommitStep } from '../../../src/engine/steps/git-commit.js';
import { gitPushStep } from '../../../src/engine/steps/git-push.js';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server.js';
import { gitSync, pushFiles, stepContext, tempDir, useCluster } from './support.js';

const PASSWORD = 'tls-pa55word-kept-secret';
const { client } = useCluster();
let root: string;
let server: GitHttpServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kargo-https-root-'));
  const tls = await loadOrCreateCertificates(
    undefined,
    () => new Date(),
    () => undefined,
  );
  server = await startGitHttpServer({ root, username: 'bot', password: PASSWORD, tls });
  gitSync(root, ['init', '--quiet', '--bare', '--initial-branch=main', 'app.git']);
  gitSync(join(root, 'app.git'), ['config', 'http.receivepack', 'true']);
  await pushFiles(join(root, 'app.git'), 'main', { 'a.txt': 'a\n' }, 'initial');
  await client().create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tls-project' } } as never);
  await client().create(
    engineResources.secret,
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'app-repo', namespace: 'tls-project', labels: { 'kargo.akuity.io/cred-type': 'git' } },
      stringData: { repoURL: server.url('app.git'), username: 'bot', password: PASSWORD },
    } as never,
    'tls-project',
  );
});

afterAll(async () => {
  await server?.close();
  await rm(root, { recursive: true, force: true });
});

describe('HTTPS remotes', () => {
  it("refuses a certificate git does not trust, with git's reason", async () => {
    const workDir = await tempDir('kargo-https-workdir-');
    await expect(
      gitCloneStep.run(stepContext(workDir, client(), { project: 'tls-project' }), { repoURL: server.url('app.git'), checkout: [{ path: 'out' }] }),
    ).rejects.toThrow(/unable to access '.*': (server certificate verification failed|SSL certificate problem)/);
  });

  it('clones and pushes with insecureSkipTLSVerify, using the Secret over https', async () => {
    const workDir = await tempDir('kargo-https-workdir-');
    const context = stepContext(workDir, client(), { project: 'tls-project' });
    const cloned = await gitCloneStep.run(context, {
      repoURL: server.url('app.git'),
      insecureSkipTLSVerify: true,
      checkout: [{ branch: 'main', path: 'out' }],
    });
    expect(cloned.status).toBe('Succeeded');
    await writeFile(join(workDir, 'out', 'a.txt'), 'over tls\n');
    await gitCommitStep.run(context, { path: 'out', message: 'over tls' });
    const pushed = await gitPushStep.run(context, { path: 'out' });
    expect(gitSync(join(root, 'app.git'), ['rev-parse', 'main'])).toBe((pushed.output as { commit: string }).commit);
    expect(JSON.stringify([cloned, pushed])).not.toContain(PASSWORD);
  });
});
