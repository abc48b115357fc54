// Broken kubeconfigs each raise a typed error with one line naming the entry:
// KubeConfigError for the file and cluster, KubeCredentialsError for the user's
// credentials (exec plugins get a time limit naming the plugin).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfigError, KubeCredentialsError } from '../../src/kube/errors.js';
import { resources } from '../../src/kube/resources.js';
import { startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { kubeconfigVariant, testClient } from './support.js';

let cluster: TestCluster;
let dir: string;

beforeAll(async () => {
  cluster = await startTestCluster({ crds: false });
  dir = dirname(cluster.kubeconfigPath);
});

afterAll(async () => {
  await cluster?.close();
});

async function failure(path: string, options: Parameters<typeof testClient>[1] = {}): Promise<unknown> {
  try {
    const client = await testClient(path, options);
    await client.list(resources.namespace);
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

function withUser(name: string, user: Record<string, unknown>): string {
  return kubeconfigVariant(cluster.kubeconfigPath, name, (document) => {
    document.users[0]!.user = user;
  });
}

function withServer(name: string, server: string): string {
  return kubeconfigVariant(cluster.kubeconfigPath, name, (document) => {
    document.clusters[0]!.cluster.server = server;
  });
}

describe('kubeconfig problems', () => {
  it.each([
    ['not a url at all', 'not a url at all'],
    ['ftp://127.0.0.1:6443', 'ftp://127.0.0.1:6443'],
    ['https:/', 'https:'],
  ])('refuses server "%s"', async (written, server) => {
    // The client library drops a trailing slash before we see the value.
    const error = await failure(withServer('bad-server', written));
    expect(error).toBeInstanceOf(KubeConfigError);
    expect(error).not.toBeInstanceOf(KubeCredentialsError);
    expect((error as Error).message).toBe(
      `cluster "kargo-embedded" in the kubeconfig has server "${server}", which is not an http(s) URL; expected e.g. https://my-cluster.example:6443`,
    );
  });

  it('reads a server without a scheme as https://, as kubectl does', async () => {
    const client = await testClient(withServer('no-scheme', cluster.server.url.replace('https://', '')));
    expect(client.identity.server).toBe(cluster.server.url);
    expect((await client.list(resources.namespace)).items.length).toBeGreaterThan(0);
  });

  it.each([
    ['an empty file', ''],
    ['only whitespace', '\n  \n'],
  ])('names %s', async (_, content) => {
    const path = join(dir, 'empty.kubeconfig');
    writeFileSync(path, content);
    const error = await failure(path);
    expect(error).toBeInstanceOf(KubeConfigError);
    expect((error as Error).message).toBe(
      `kubeconfig ${path} is empty: it defines no cluster, user or context; pass --kubeconfig FILE or fetch your cluster's kubeconfig again`,
    );
  });

  it('reports client-key-data that is not a key as a credentials problem', async () => {
    const error = await failure(
      withUser('bad-key', {
        'client-certificate-data': Buffer.from(cluster.server.caCertPem ?? '').toString('base64'),
        'client-key-data': Buffer.from('not a key').toString('base64'),
      }),
    );
    expect(error).toBeInstanceOf(KubeCredentialsError);
    expect((error as Error).message).toBe(
      'client-key-data of user "kargo-embedded-admin" in the kubeconfig is not a PEM private key; fix it or fetch the kubeconfig again',
    );
  });

  it('reports certificate-authority-data that is not a certificate', async () => {
    const path = kubeconfigVariant(cluster.kubeconfigPath, 'bad-ca', (document) => {
      document.clusters[0]!.cluster['certificate-authority-data'] = Buffer.from('garbage').toString('base64');
    });
    const error = await failure(path);
    expect(error).toBeInstanceOf(KubeConfigError);
    expect((error as Error).message).toBe(
      'certificate-authority-data of cluster "kargo-embedded" in the kubeconfig is not a PEM certificate; fix it or fetch the kubeconfig again',
    );
  });

  it('reports a tokenFile that does not exist instead of sending the request unauthenticated', async () => {
    const missing = join(dir, 'no-such-token');
    cluster.server.clearRequests();
    const error = await failure(withUser('missing-token-file', { tokenFile: missing }));
    expect(error).toBeInstanceOf(KubeCredentialsError);
    expect((error as Error).message).toBe(
      `the tokenFile ${missing} of user "kargo-embedded-admin" in the kubeconfig does not exist; create it or point tokenFile at your token`,
    );
    expect(cluster.server.requests).toEqual([]);
  });

  it('authenticates with the token in tokenFile', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `${cluster.server.adminToken}\n`);
    const client = await testClient(withUser('token-file', { tokenFile }));
    expect((await client.list(resources.namespace)).items.length).toBeGreaterThan(0);
  });

  it('kills an exec plugin that never answers and names it', async () => {
    const pidFile = join(dir, 'plugin.pid');
    const plugin = join(dir, 'hanging-plugin.mjs');
    writeFileSync(
      plugin,
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);\n`,
    );
    const path = withUser('exec-hangs', {
      exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' },
    });
    const started = Date.now();
    const error = await failure(path, { execTimeoutMs: 1500 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(KubeCredentialsError);
    expect((error as Error).message).toBe(
      `cannot get credentials for context "kargo-embedded": the exec credential plugin "${process.execPath}" of user "kargo-embedded-admin" did not answer within 2s; run it on its own to see what it waits for, or log in again`,
    );
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('names an exec plugin that is not installed, with its install hint', async () => {
    const path = withUser('exec-missing', {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: 'no-such-credential-plugin',
        installHint: 'Install it with: brew install no-such',
        interactiveMode: 'Never',
      },
    });
    const error = await failure(path);
    expect(error).toBeInstanceOf(KubeCredentialsError);
    expect((error as Error).message).toBe(
      'cannot get credentials for context "kargo-embedded": the exec credential plugin "no-such-credential-plugin" of user "kargo-embedded-admin" was not found: Install it with: brew install no-such',
    );
  });

  it('names an exec plugin that prints no credential', async () => {
    const path = withUser('exec-garbage', {
      exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: ['-e', 'console.log("hello")'], interactiveMode: 'Never' },
    });
    const error = await failure(path);
    expect((error as Error).message).toMatch(
      /the exec credential plugin ".*" of user "kargo-embedded-admin" printed something that is not an ExecCredential \(JSON expected\)$/,
    );
  });

  it('leaves no file behind and reads the kubeconfig only', () => {
    expect(existsSync(join(dir, 'admin.kubeconfig'))).toBe(true);
  });
});
