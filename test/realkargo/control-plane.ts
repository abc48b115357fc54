// Starts Kargo's control plane against kube-testenv the way the chart deploys
// it: Kargo's namespaces, one client-certificate identity per component, the
// chart's environment, a CA and serving certificate for the webhook server and
// the chart's webhook configurations pointing at it. Stops everything it started.

import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadOrCreateCertificates } from '../../src/server/tls.js';
import { startTestenv, type RunningTestenv } from '../realapi/testenv-process.js';
import { CHART_ENVIRONMENT, KARGO_NAMESPACES, serviceAccountUser, type ComponentName } from './chart-facts.js';
import { startComponent, type RunningComponent } from './component-process.js';
import { KubeJson, RESOURCES } from './kube-json.js';
import { waitFor, type WaitOptions } from './wait.js';
import { webhookConfigurations } from './webhook-configurations.js';

const execFileAsync = promisify(execFile);

export interface ControlPlaneOptions {
  testenvBinary: string;
  controlPlaneBinary: string;
  crdDirs: string[];
  dir: string;
}

export interface RunningControlPlane {
  testenv: RunningTestenv;
  adminKubeconfig: string;
  components: RunningComponent[];
  stop(): Promise<void>;
}

const COMPONENTS: ComponentName[] = ['kubernetes-webhooks-server', 'management-controller', 'controller'];

export async function startControlPlane(options: ControlPlaneOptions): Promise<RunningControlPlane> {
  const testenv = await startTestenv({ binary: options.testenvBinary, dir: options.dir, users: [], crdDirs: options.crdDirs });
  const components: RunningComponent[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(components.map((component) => component.stop()));
    await testenv.stop();
  };
  try {
    const adminKubeconfig = testenv.kubeconfigs.admin;
    if (!adminKubeconfig) throw new Error('kube-testenv wrote no admin kubeconfig');
    const admin = new KubeJson(adminKubeconfig);
    for (const name of KARGO_NAMESPACES) await admin.apply(RESOURCES.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

    const webhookPort = await freePort();
    const certificates = await loadOrCreateCertificates(
      undefined,
      () => new Date(),
      () => undefined,
    );
    for (const component of COMPONENTS) {
      const home = join(options.dir, component);
      const kubeconfig = await mintIdentity(options.testenvBinary, options.dir, component);
      const env: Record<string, string> = { ...CHART_ENVIRONMENT[component], KUBECONFIG: kubeconfig, TMPDIR: join(home, 'tmp') };
      mkdirSync(env.TMPDIR!, { recursive: true });
      // In a pod, Argo CD's cluster defaults to the in-cluster config: the same cluster.
      if (component === 'controller') env.ARGOCD_KUBECONFIG = kubeconfig;
      if (component === 'kubernetes-webhooks-server') {
        // controller-runtime's default certificate directory: $TMPDIR/k8s-webhook-server/serving-certs.
        const certDir = join(env.TMPDIR!, 'k8s-webhook-server', 'serving-certs');
        mkdirSync(certDir, { recursive: true });
        writeFileSync(join(certDir, 'tls.crt'), certificates.certPem);
        writeFileSync(join(certDir, 'tls.key'), certificates.keyPem, { mode: 0o600 });
        env.WEBHOOK_SERVER_PORT = String(webhookPort);
      }
      components.push(startComponent({ binary: options.controlPlaneBinary, component, env, logDir: options.dir }));
      if (component === 'kubernetes-webhooks-server') {
        await waitFor('the webhook server to answer over TLS', () => answersOverTls(webhookPort, certificates.caCertPem), watchdog(components, 60_000));
        const configurations = webhookConfigurations(`https://127.0.0.1:${webhookPort}`, certificates.caCertPem);
        await admin.apply(RESOURCES.mutatingWebhookConfiguration, configurations.mutating as never);
        await admin.apply(RESOURCES.validatingWebhookConfiguration, configurations.validating as never);
      }
    }
    await waitUntilReconciling(admin, components);
    return { testenv, adminKubeconfig, components, stop };
  } catch (error) {
    const logs = components.map((component) => `--- ${component.logFile} (tail) ---\n${component.logTail()}`).join('\n');
    await stop();
    throw new Error(`Kargo's control plane did not start: ${(error as Error).message}\n${logs}`);
  }
}

async function mintIdentity(testenvBinary: string, dir: string, component: ComponentName): Promise<string> {
  // system:masters stands in for the chart's ClusterRoles (see DIFFERENCES.md).
  const { stdout } = await execFileAsync(testenvBinary, ['mint-user', '--dir', dir, '--name', serviceAccountUser(component), '--groups', 'system:masters']);
  return stdout.trim();
}

/** A Project whose namespace the management controller makes, and a Stage in it that the controller reconciles. */
async function waitUntilReconciling(admin: KubeJson, components: RunningComponent[]): Promise<void> {
  const project = 'kargo-readiness';
  await admin.create(RESOURCES.project, { apiVersion: 'kargo.akuity.io/v1alpha1', kind: 'Project', metadata: { name: project } });
  await waitFor(
    "the management controller to create the readiness Project's namespace",
    () => admin.find(RESOURCES.namespace, project),
    watchdog(components, 90_000),
  );
  await waitFor(
    'the readiness Project to be Ready',
    async () => {
      const found = await admin.get<{ metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }>(RESOURCES.project, project);
      return found.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ? true : undefined;
    },
    watchdog(components, 90_000),
  );
  await admin.create(
    RESOURCES.stage,
    {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Stage',
      metadata: { name: 'probe', namespace: project },
      spec: {
        requestedFreight: [{ origin: { kind: 'Warehouse', name: 'probe' }, sources: { direct: true } }],
        promotionTemplate: { spec: { steps: [{ uses: 'fail' }] } },
      },
    },
    project,
  );
  await waitFor(
    'the controller to reconcile a Stage',
    async () => {
      const found = await admin.get<{ metadata: { name: string }; status?: { conditions?: unknown[] } }>(RESOURCES.stage, 'probe', project);
      return found.status?.conditions?.length ? true : undefined;
    },
    watchdog(components, 90_000),
  );
}

/** Wait options that also stop waiting as soon as a component has exited. */
function watchdog(components: RunningComponent[], timeoutMs: number): WaitOptions {
  const failFast = (): string | undefined => {
    const exited = components.find((component) => component.exited());
    return exited ? `${exited.component} ${exited.exited()}` : undefined;
  };
  return { timeoutMs, failFast };
}

function answersOverTls(port: number, caCertPem: string): Promise<true | undefined> {
  return new Promise((resolve) => {
    const request = https.request({ hostname: '127.0.0.1', port, path: '/', method: 'GET', ca: caCertPem, timeout: 2_000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('error', () => resolve(undefined));
    request.on('timeout', () => request.destroy());
    request.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
