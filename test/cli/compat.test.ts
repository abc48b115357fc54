// Spellings of Kargo's own CLI that scripts use, accepted here: login, logout and
// server answered with one line (this kargo uses the kubeconfig); config view
// --raw; update freight --name/--old-alias/--new-alias.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../../src/kube/client.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import { resources } from '../../src/kube/resources.js';
import type { Freight } from '../../src/model/kargo.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { applyExamples, PROJECT } from './support/examples.js';
import { rewriteKubeconfig } from './support/kubeconfigs.js';
import { captureStream, isolatedHome, runKargo } from './support/run-kargo.js';

let cluster: TestCluster;
let admin: KubeClient;
let env: Record<string, string>;

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await applyExamples(admin);
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath };
});

afterAll(async () => {
  await cluster?.close();
});

const kargo = (argv: string[]) => runKargo(argv, { env });
const aliasOf = async (name: string) => (await admin.get<Freight>(resources.freight, name, PROJECT)).metadata.labels?.['kargo.akuity.io/alias'];

describe('update freight in Kargo CLI spelling', () => {
  it('--name NAME --new-alias, then --old-alias ALIAS --new-alias', async () => {
    const name = 'ddc02d90864678757506c645bbe071ab11c2f2bb';
    const byName = await kargo(['update', 'freight', `--project=${PROJECT}`, `--name=${name}`, '--new-alias=frozen-fox']);
    expect(byName.code).toBe(0);
    expect(await aliasOf(name)).toBe('frozen-fox');
    const byAlias = await kargo(['update', 'freight', '-p', PROJECT, '--old-alias', 'frozen-fox', '--new-alias', 'steady-otter']);
    expect(byAlias.code).toBe(0);
    expect(await aliasOf(name)).toBe('steady-otter');
  });

  it('refuses two ways of naming the Freight, or no new alias', async () => {
    expect((await kargo(['update', 'freight', '-p', PROJECT, 'steady-otter', '--name', 'x', '--new-alias', 'y'])).code).toBe(2);
    const none = await kargo(['update', 'freight', '-p', PROJECT, '--old-alias', 'steady-otter']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--new-alias');
  });
});

describe("Kargo CLI's API-server commands", () => {
  it.each([
    ['login', ['login', 'https://kargo.example.com', '--sso']],
    ['login', ['login', '--admin', '--password', 'x']],
    ['logout', ['logout']],
    ['server', ['server', '--address', ':8080']],
  ])('%s answers with one line on stderr and exits 2', async (name, argv) => {
    const result = await runKargo(argv, { env: isolatedHome() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^error: kargo ${name} is not (needed|available): this kargo talks to the cluster through your kubeconfig`));
  });
});

describe('config view --raw', () => {
  it('is accepted and prints the settings as config view does', async () => {
    const env = isolatedHome();
    await runKargo(['config', 'set-project', 'my-web-app'], { env });
    const plain = await runKargo(['config', 'view', '-o', 'json'], { env });
    const raw = await runKargo(['config', 'view', '--raw', '-o', 'json'], { env });
    expect(raw.code).toBe(0);
    expect(raw.stdout).toBe(plain.stdout);
    expect(JSON.parse(raw.stdout)).toMatchObject({ project: 'my-web-app' });
  });
});

describe('get freight in Kargo CLI spelling', () => {
  it('--name and --alias (repeatable) beside positional names, and --warehouse repeatable', async () => {
    const byFlags = await kargo([
      'get',
      'freight',
      `--project=${PROJECT}`,
      '--name=ddc02d90864678757506c645bbe071ab11c2f2bb',
      '--alias=brave-heron',
      '-o',
      'name',
    ]);
    expect(byFlags.code).toBe(0);
    expect(byFlags.stdout).toBe(
      'freight.kargo.akuity.io/ddc02d90864678757506c645bbe071ab11c2f2bb\nfreight.kargo.akuity.io/59ff495f5332c86b41ef35483da123fdc033fb84\n',
    );
    const one = await kargo(['get', 'freight', '-p', PROJECT, '--alias', 'brave-heron', '-o', 'jsonpath={.metadata.name}']);
    expect(one.stdout).toBe('59ff495f5332c86b41ef35483da123fdc033fb84');
    const all = (await kargo(['get', 'freight', '-p', PROJECT, '-o', 'name'])).stdout;
    const both = await kargo(['get', 'freight', '-p', PROJECT, '--warehouse', 'app-images', '--warehouse', 'infra-config', '-o', 'name']);
    expect(both.stdout).toBe(all);
    const images = await kargo(['get', 'freight', '-p', PROJECT, '--warehouse', 'app-images', '-o', 'name']);
    expect(images.stdout.split('\n').filter(Boolean).length).toBeLessThan(all.split('\n').filter(Boolean).length);
    expect((await kargo(['get', 'stages', '-p', PROJECT, '--name', 'dev'])).code).toBe(2);
  });
});

describe('--insecure-skip-tls-verify', () => {
  it('connects to a server whose certificate the kubeconfig cannot verify, as kubectl does', async () => {
    const unverifiable = rewriteKubeconfig(cluster.kubeconfigPath, 'no-ca', (config) => {
      for (const entry of config.clusters) delete entry.cluster['certificate-authority-data'];
    });
    const refused = await runKargo(['get', 'stages', '-p', PROJECT, '--kubeconfig', unverifiable], { env });
    expect(refused.code).toBe(10);
    expect(refused.stderr).toContain('TLS failure');
    const insecure = await runKargo(['get', 'stages', '-p', PROJECT, '--kubeconfig', unverifiable, '--insecure-skip-tls-verify', '-o', 'name'], { env });
    expect(insecure.stderr).toBe('');
    expect(insecure.code).toBe(0);
    expect(insecure.stdout).toContain('stage.kargo.akuity.io/dev\n');
  });
});
