// Repository credentials, generic credentials and ConfigMaps in-process against
// the embedded server: the Secrets and ConfigMaps are those Kargo's API server
// writes (labels, annotations, data keys), and no secret value ever reaches
// stdout or stderr, in any format.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeClient } from '../../../src/kube/client.js';
import { coreResources } from '../../../src/kube/core-resources.js';
import { createKubeClient } from '../../../src/kube/http-client.js';
import { resources } from '../../../src/kube/resources.js';
import type { ConfigMap, Secret } from '../../../src/model/core.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { captureStream, isolatedHome, parseTable, runKargo, type RunResult } from '../support/run-kargo.js';

const PROJECT = 'shop';
const PASSWORD = 'pa55-word-never-shown';
const TOKEN = 'tok3n-never-shown';
let cluster: TestCluster;
let admin: KubeClient;
let env: Record<string, string>;
const outputs: RunResult[] = [];

async function kargo(argv: string[], options: { stdin?: string } = {}): Promise<RunResult> {
  const result = await runKargo(argv, { env, ...(options.stdin !== undefined ? { stdin: options.stdin } : {}) });
  outputs.push(result);
  return result;
}

const decode = (value: string | undefined) => Buffer.from(value ?? '', 'base64').toString('utf8');

beforeAll(async () => {
  cluster = await startTestCluster({ crds: false });
  admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  for (const name of [PROJECT, 'kargo-shared-resources', 'kargo-system-resources']) {
    await admin.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  }
  env = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath, KARGO_PROJECT: PROJECT };
});

afterAll(async () => {
  for (const result of outputs) {
    for (const secret of [PASSWORD, TOKEN, Buffer.from(PASSWORD).toString('base64'), Buffer.from(TOKEN).toString('base64')]) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
  }
  await cluster?.close();
});

describe('repo-credentials', () => {
  it('creates the Secret Kargo writes and prints only its name', async () => {
    const result = await kargo([
      'create',
      'repo-credentials',
      'app-repo',
      '--git',
      '--repo-url=https://git.example.com/shop/app.git',
      '--username=bot',
      `--password=${PASSWORD}`,
      '--description=the app repository',
    ]);
    expect(result).toMatchObject({ code: 0, stdout: 'secret/app-repo created\n', stderr: '' });
    const secret = await admin.get<Secret>(coreResources.secret, 'app-repo', PROJECT);
    expect(secret.metadata.labels).toEqual({ 'kargo.akuity.io/cred-type': 'git' });
    expect(secret.metadata.annotations).toEqual({ 'kargo.akuity.io/description': 'the app repository' });
    expect(Object.fromEntries(Object.entries(secret.data ?? {}).map(([key, value]) => [key, decode(value)]))).toEqual({
      repoURL: 'https://git.example.com/shop/app.git',
      username: 'bot',
      password: PASSWORD,
    });
  });

  it('reads the password from stdin when --password is missing', async () => {
    const result = await kargo(['create', 'repo-creds', '--shared', 'github', '--git', '--regex', '--repo-url=^https://github\\.com/', '--username=me'], {
      stdin: `${TOKEN}\nignored\n`,
    });
    expect(result).toMatchObject({ code: 0, stdout: 'secret/github created\n' });
    const secret = await admin.get<Secret>(coreResources.secret, 'github', 'kargo-shared-resources');
    expect(decode(secret.data?.password)).toBe(TOKEN);
    expect(decode(secret.data?.repoURLIsRegex)).toBe('true');
  });

  it('lists as Kargo does: NAME TYPE REGEX REPO AGE', async () => {
    const project = await kargo(['get', 'repo-credentials']);
    expect(project.code).toBe(0);
    const [header, row] = parseTable(project.stdout);
    expect(header).toEqual(['NAME', 'TYPE', 'REGEX', 'REPO', 'AGE']);
    expect(row?.slice(0, 3)).toEqual(['app-repo', 'git', 'https://git.example.com/shop/app.git']);
    const shared = await kargo(['get', 'repo-credentials', '--shared', '--no-headers']);
    expect(parseTable(shared.stdout)[0]?.slice(0, 4)).toEqual(['github', 'git', 'true', '^https://github\\.com/']);
  });

  it('redacts -o json and -o yaml as Kargo redacts them', async () => {
    const json = await kargo(['get', 'repo-credentials', 'app-repo', '-o', 'json']);
    const secret = JSON.parse(json.stdout) as Secret;
    expect(secret.data).toBeUndefined();
    expect(secret.stringData).toEqual({ repoURL: 'https://git.example.com/shop/app.git', username: 'bot', password: '*** REDACTED ***' });
    const yaml = await kargo(['get', 'repo-credentials', '-o', 'yaml']);
    expect((parse(yaml.stdout) as { items: Secret[] }).items[0]?.stringData?.password).toBe('*** REDACTED ***');
    const jsonpath = await kargo(['get', 'repo-credentials', '-o', 'jsonpath={.items[*].stringData.password}']);
    expect(jsonpath).toMatchObject({ code: 0, stdout: '*** REDACTED ***' });
  });

  it('redacts every annotation but the description (last-applied-configuration copies the values)', async () => {
    await admin.patch(
      coreResources.secret,
      'app-repo',
      { metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"password":"${PASSWORD}"}` } } },
      PROJECT,
    );
    const result = await kargo(['get', 'repo-credentials', 'app-repo', '-o', 'yaml']);
    expect((parse(result.stdout) as Secret).metadata.annotations).toEqual({
      'kargo.akuity.io/description': 'the app repository',
      'kubectl.kubernetes.io/last-applied-configuration': '*** REDACTED ***',
    });
  });

  it('updates only the fields given, and prints the bare name as Kargo does', async () => {
    const result = await kargo(['update', 'repo-credentials', 'app-repo', '--helm', '--password=changed-secret-value']);
    expect(result).toMatchObject({ code: 0, stdout: 'secret/app-repo\n' });
    const secret = await admin.get<Secret>(coreResources.secret, 'app-repo', PROJECT);
    expect(secret.metadata.labels?.['kargo.akuity.io/cred-type']).toBe('helm');
    expect(decode(secret.data?.password)).toBe('changed-secret-value');
    expect(decode(secret.data?.username)).toBe('bot');
    expect(secret.metadata.annotations?.['kargo.akuity.io/description']).toBe('the app repository');
  });

  it('refuses a Secret that is not labelled as credentials, and unknown names', async () => {
    await admin.create(
      coreResources.secret,
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'plain' }, data: { password: Buffer.from(PASSWORD).toString('base64') } },
      PROJECT,
    );
    const get = await kargo(['get', 'repo-credentials', 'plain', '-o', 'json']);
    expect(get.code).toBe(3);
    expect(get.stderr).toContain('secret shop/plain exists, but is not labeled with kargo.akuity.io/cred-type');
    const remove = await kargo(['delete', 'repo-credentials', 'plain']);
    expect(remove.code).not.toBe(0);
    await expect(admin.get(coreResources.secret, 'plain', PROJECT)).resolves.toBeDefined();
    const missing = await kargo(['get', 'repo-credentials', 'nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('repository credentials "nope" not found in project "shop"');
  });

  it('takes usage errors before any request', async () => {
    const both = await kargo(['get', 'repo-credentials', '--shared', '-p', PROJECT]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--project and --shared cannot be combined');
    const noType = await kargo(['create', 'repo-credentials', 'x', '--repo-url=u', '--username=u', '--password=p']);
    expect(noType.code).toBe(2);
    expect(noType.stderr).toContain('missing one of --git, --helm, --image');
  });

  it('deletes several, printing each', async () => {
    await kargo(['create', 'repo-credentials', 'second', '--image', '--repo-url=ghcr.io/shop/app', '--username=u', `--password=${PASSWORD}`]);
    const result = await kargo(['delete', 'repo-credentials', 'app-repo', 'second']);
    expect(result).toMatchObject({ code: 0, stdout: 'secret/app-repo deleted\nsecret/second deleted\n' });
    const after = await kargo(['get', 'repo-credentials']);
    expect(after).toMatchObject({ code: 0, stdout: '' });
    expect(after.stderr).toContain('No repository credentials found in project "shop"');
  });
});

describe('generic-credentials', () => {
  it('creates, sets and unsets keys, lists, and never shows a value', async () => {
    const created = await kargo([
      'create',
      'generic-credentials',
      '--system',
      'api',
      `--set`,
      `TOKEN=${TOKEN}`,
      '--set',
      'USER = svc ',
      '--description=external API',
    ]);
    expect(created).toMatchObject({ code: 0, stdout: 'secret/api created\n' });
    let secret = await admin.get<Secret>(coreResources.secret, 'api', 'kargo-system-resources');
    expect(secret.metadata.labels).toEqual({ 'kargo.akuity.io/cred-type': 'generic' });
    expect(decode(secret.data?.USER)).toBe('svc');

    const updated = await kargo(['update', 'generic-creds', '--system', 'api', '--set', 'REGION=eu', '--unset', 'USER', '-o', 'json']);
    expect(updated.code).toBe(0);
    expect((JSON.parse(updated.stdout) as Secret).stringData).toEqual({ TOKEN: '*** REDACTED ***', REGION: '*** REDACTED ***' });
    secret = await admin.get<Secret>(coreResources.secret, 'api', 'kargo-system-resources');
    expect(Object.keys(secret.data ?? {}).sort()).toEqual(['REGION', 'TOKEN']);

    const listed = await kargo(['get', 'generic-credentials', '--system']);
    expect(parseTable(listed.stdout)).toEqual([
      ['NAME', 'DESCRIPTION', 'AGE'],
      ['api', 'external API', expect.any(String)],
    ]);
    const emptied = await kargo(['update', 'generic-credentials', '--system', 'api', '--unset', 'TOKEN', '--unset', 'REGION']);
    expect(emptied.code).toBe(2);
    const bad = await kargo(['create', 'generic-credentials', 'x', '--set', 'novalue']);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('invalid --set format "novalue": expected key=value');
    expect(await kargo(['delete', 'generic-credentials', '--system', 'api'])).toMatchObject({ code: 0, stdout: 'secret/api deleted\n' });
  });
});

describe('configmaps', () => {
  it('creates, lists with KEYS, updates and deletes, shown whole', async () => {
    expect(await kargo(['create', 'configmap', 'settings', '--set', 'LOG_LEVEL=debug', '--description=app settings'])).toMatchObject({
      code: 0,
      stdout: 'configmap/settings created\n',
    });
    const listed = await kargo(['get', 'configmaps', 'settings']);
    expect(parseTable(listed.stdout)).toEqual([
      ['NAME', 'DESCRIPTION', 'KEYS', 'AGE'],
      ['settings', 'app settings', '1', expect.any(String)],
    ]);
    expect(await kargo(['update', 'cm', 'settings', '--set', 'REGION=eu'])).toMatchObject({ code: 0, stdout: 'configmap/settings\n' });
    const configMap = await admin.get<ConfigMap>(coreResources.configMap, 'settings', PROJECT);
    expect(configMap.data).toEqual({ LOG_LEVEL: 'debug', REGION: 'eu' });
    const yaml = await kargo(['get', 'cm', 'settings', '-o', 'yaml']);
    expect((parse(yaml.stdout) as ConfigMap).data).toEqual({ LOG_LEVEL: 'debug', REGION: 'eu' });
    expect(await kargo(['delete', 'configmap', 'settings', 'missing'])).toMatchObject({ code: 3, stdout: 'configmap/settings deleted\n' });
  });
});

describe('flags of the parent command', () => {
  it('refuses `get` flags that do not apply to these kinds, rather than ignoring them', async () => {
    const result = await kargo(['get', 'repo-credentials', '-l', 'team=web']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--selector does not apply to `kargo get repo-credentials`');
  });
});
