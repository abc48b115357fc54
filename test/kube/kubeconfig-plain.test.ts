// kargo's own kubeconfig reader (no @kubernetes/client-node) must honour every TLS
// setting a kubeconfig can carry: the CA as data or as a file (relative to the
// kubeconfig), insecure-skip-tls-verify, tls-server-name, a client certificate and
// key (data or files) and tokens; other credentials go to the client library.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConnectionError } from '../../src/kube/errors.js';
import { loadKubeConfig } from '../../src/kube/kubeconfig.js';
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

function variant(name: string, edit: Parameters<typeof kubeconfigVariant>[2]): string {
  return kubeconfigVariant(cluster.kubeconfigPath, name, edit);
}

async function readerOf(path: string): Promise<string> {
  return (await loadKubeConfig({ kubeconfig: path, verbose: false }, {})).reader;
}

async function namespaces(path: string): Promise<string[]> {
  const client = await testClient(path);
  return (await client.list(resources.namespace)).items.map((item) => item.metadata.name ?? '');
}

async function connectionFailure(path: string): Promise<KubeConnectionError> {
  try {
    await namespaces(path);
  } catch (error) {
    if (error instanceof KubeConnectionError) return error;
    throw error;
  }
  throw new Error('expected a connection failure');
}

describe('kubeconfig without the client library', () => {
  it('reads certificate-authority-data and a token', async () => {
    expect(await readerOf(cluster.kubeconfigPath)).toBe('kargo');
    expect(await namespaces(cluster.kubeconfigPath)).toContain('default');
  });

  it('reads certificate-authority from a file named relative to the kubeconfig', async () => {
    writeFileSync(join(dir, 'ca.crt'), cluster.server.caCertPem ?? '');
    const path = variant('ca-file', (document) => {
      delete document.clusters[0]!.cluster['certificate-authority-data'];
      document.clusters[0]!.cluster['certificate-authority'] = 'ca.crt';
    });
    expect(await readerOf(path)).toBe('kargo');
    expect(await namespaces(path)).toContain('default');
  });

  it('trusts an unknown server only with insecure-skip-tls-verify', async () => {
    const untrusted = variant('no-ca', (document) => {
      delete document.clusters[0]!.cluster['certificate-authority-data'];
    });
    expect((await connectionFailure(untrusted)).message).toMatch(/^TLS handshake with the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ .* failed/);
    const skipping = variant('skip-verify', (document) => {
      delete document.clusters[0]!.cluster['certificate-authority-data'];
      document.clusters[0]!.cluster['insecure-skip-tls-verify'] = true;
    });
    expect(await readerOf(skipping)).toBe('kargo');
    expect(await namespaces(skipping)).toContain('default');
  });

  it('checks the certificate against tls-server-name instead of the host', async () => {
    // The embedded server's certificate names 127.0.0.1 and localhost.
    const named = variant('server-name-ok', (document) => {
      document.clusters[0]!.cluster['tls-server-name'] = 'localhost';
    });
    expect(await namespaces(named)).toContain('default');
    const misnamed = variant('server-name-wrong', (document) => {
      document.clusters[0]!.cluster['tls-server-name'] = 'elsewhere.example';
    });
    const error = await connectionFailure(misnamed);
    expect(error.message).toContain('TLS handshake');
    expect(error.message).toContain('elsewhere.example');
  });

  it('leaves auth providers, basic auth and impersonation to the client library', async () => {
    const impersonating = variant('impersonate', (document) => {
      document.users[0]!.user.as = 'impersonated-user';
    });
    expect(await readerOf(impersonating)).toBe('client-library');
    const client = await testClient(impersonating);
    expect((await client.whoAmI()).username).toBe('impersonated-user');
    const basic = variant('basic-auth', (document) => {
      document.users[0]!.user = { username: 'someone', password: 'secret' };
    });
    expect(await readerOf(basic)).toBe('client-library');
    const proxied = variant('proxy-url', (document) => {
      document.clusters[0]!.cluster['proxy-url'] = 'http://127.0.0.1:1';
    });
    expect(await readerOf(proxied)).toBe('client-library');
  });
});

describe('client certificates without the client library', () => {
  let certs: string;
  let server: Server;
  let url: string;

  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: certs, stdio: 'pipe' });

  beforeAll(async () => {
    certs = mkdtempSync(join(tmpdir(), 'kargo-client-certs-'));
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    openssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'server.key',
      '-out',
      'server.crt',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-days',
      '2',
    );
    openssl('req', '-x509', ...ec, '-keyout', 'client-ca.key', '-out', 'client-ca.crt', '-subj', '/CN=client-ca', '-days', '2');
    openssl('req', ...ec, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=kargo-cert-user');
    openssl('x509', '-req', '-in', 'client.csr', '-CA', 'client-ca.crt', '-CAkey', 'client-ca.key', '-CAcreateserial', '-out', 'client.crt', '-days', '2');
    const read = (file: string) => readFileSync(join(certs, file));
    // A server that admits only clients with a certificate from client-ca and lists one namespace named after it.
    server = createServer(
      { key: read('server.key'), cert: read('server.crt'), ca: read('client-ca.crt'), requestCert: true, rejectUnauthorized: true },
      (request, response) => {
        const subject = (request.socket as TLSSocket).getPeerCertificate().subject?.CN ?? 'anonymous';
        response.setHeader('Content-Type', 'application/json');
        response.end(JSON.stringify({ kind: 'NamespaceList', apiVersion: 'v1', metadata: {}, items: [{ metadata: { name: subject } }] }));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  function certKubeconfig(name: string, user: Record<string, unknown>): string {
    const base64 = (file: string) => readFileSync(join(certs, file)).toString('base64');
    const path = join(certs, `${name}.kubeconfig`);
    writeFileSync(
      path,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'cert-cluster', cluster: { server: url, 'certificate-authority-data': base64('server.crt') } }],
        users: [{ name: 'cert-user', user }],
        contexts: [{ name: 'cert-context', context: { cluster: 'cert-cluster', user: 'cert-user' } }],
        'current-context': 'cert-context',
      }),
    );
    return path;
  }

  it('presents client-certificate-data and client-key-data', async () => {
    const base64 = (file: string) => readFileSync(join(certs, file)).toString('base64');
    const path = certKubeconfig('cert-data', { 'client-certificate-data': base64('client.crt'), 'client-key-data': base64('client.key') });
    expect(await readerOf(path)).toBe('kargo');
    expect(await namespaces(path)).toEqual(['kargo-cert-user']);
  });

  it('presents client-certificate and client-key files named relative to the kubeconfig', async () => {
    const path = certKubeconfig('cert-files', { 'client-certificate': 'client.crt', 'client-key': 'client.key' });
    expect(await readerOf(path)).toBe('kargo');
    expect(await namespaces(path)).toEqual(['kargo-cert-user']);
  });

  it('is refused by the server without a certificate', async () => {
    const path = certKubeconfig('no-cert', { token: 'not-enough' });
    await expect(namespaces(path)).rejects.toBeInstanceOf(KubeConnectionError);
  });
});
