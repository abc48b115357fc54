// AnalysisRuns on the embedded API server, driven to Successful, Failed and
// terminated by reconciling them through KubeClient: a web metric against a
// real 127.0.0.1 server, its API key from a Secret. Every status written is
// admitted by the server under the real CRD, read back unchanged, checked
// against the CRD's schema, and never contains the secret.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveAnalysisRun, secretsFromKube, standardProviders, type AnalysisDeps } from '../../src/analysis/index.js';
import { createKubeClient } from '../../src/kube/http-client.js';
import type { KubeClient } from '../../src/kube/client.js';
import { resources, type ResourceType } from '../../src/kube/resources.js';
import type { AnalysisRun, Metric } from '../../src/model/analysis.js';
import type { Secret } from '../../src/model/kargo.js';
import { SHARED_CRD_DIRS, startTestCluster, type TestCluster } from '../support/test-cluster.js';
import { startTestServer, type TestServer } from '../engine/data-steps/http-server.js';
import { NOW, fixedClock } from './support/fixtures.js';

const NAMESPACE = 'verify';
const API_KEY = 's3cr3t-api-key';
const SECRETS: ResourceType = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  shortNames: [],
  hasStatus: false,
};

let cluster: TestCluster;
let client: KubeClient;
let app: TestServer;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: { write: () => true } });
  await client.create(resources.namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
  const secret: Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'app-api', namespace: NAMESPACE },
    data: { key: Buffer.from(API_KEY).toString('base64') },
  };
  await client.create(SECRETS, secret, NAMESPACE);
  app = await startTestServer();
  const healthy = (apiKey: unknown, ok: boolean): string => JSON.stringify({ ok: apiKey === API_KEY && ok });
  app.on('/v1/health', (req, res) => res.writeHead(200).end(healthy(req.headers['x-api-key'], true)));
  app.on('/v2/health', (req, res) => res.writeHead(200).end(healthy(req.headers['x-api-key'], false)));
}, 60_000);

afterAll(async () => {
  await app?.close();
  await cluster?.close();
});

const statusSchema = (() => {
  const crd = parse(readFileSync(join(SHARED_CRD_DIRS[1] ?? '', 'analysis-run-crd.yaml'), 'utf8')) as {
    spec: { versions: { schema: { openAPIV3Schema: { properties: { status: object } } } }[] };
  };
  const schema = crd.spec.versions[0]?.schema.openAPIV3Schema.properties.status;
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv.compile(schema ?? {});
})();

function healthMetric(fields: Partial<Metric>): Metric {
  return {
    name: 'health',
    successCondition: 'result == true',
    provider: { web: { url: '{{args.base}}/health', headers: [{ key: 'X-Api-Key', value: '{{args.api-key}}' }], jsonPath: '{$.ok}' } },
    ...fields,
  };
}

async function createRun(name: string, version: string, metric: Metric): Promise<void> {
  const run: AnalysisRun = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      metrics: [metric],
      args: [
        { name: 'base', value: `${app.url}/${version}` },
        { name: 'api-key', valueFrom: { secretKeyRef: { name: 'app-api', key: 'key' } } },
      ],
    },
  };
  await client.create(resources.analysisRun, run, NAMESPACE);
}

/** Reconciles until the run is complete (or `rounds` run out), moving the clock to each requeue time. */
async function drive(name: string, rounds = 20, between?: (round: number) => Promise<void>): Promise<{ run: AnalysisRun; writes: number }> {
  const clock = fixedClock(NOW);
  const deps: AnalysisDeps = { clock, providers: standardProviders(), secrets: secretsFromKube(client) };
  let writes = 0;
  for (let round = 0; round < rounds; round++) {
    await between?.(round);
    const outcome = await driveAnalysisRun(client, NAMESPACE, name, deps);
    if (outcome.wrote) {
      writes++;
      const stored = await client.get<AnalysisRun>(resources.analysisRun, name, NAMESPACE);
      expect(stored.status).toEqual(outcome.run.status);
      expect(statusSchema(stored.status), JSON.stringify(statusSchema.errors)).toBe(true);
      expect(JSON.stringify(stored.status)).not.toContain(API_KEY);
    }
    if (!outcome.requeueAt && !outcome.wrote) break;
    if (outcome.requeueAt) clock.set(new Date(outcome.requeueAt.getTime() + 1000));
  }
  return { run: await client.get<AnalysisRun>(resources.analysisRun, name, NAMESPACE), writes };
}

describe('AnalysisRuns reconciled through KubeClient on the embedded server', () => {
  it('a healthy version: three measurements, then Successful', async () => {
    await createRun('healthy', 'v1', healthMetric({ count: 3, interval: '10s' }));
    const { run } = await drive('healthy');
    const status = run.status;
    expect(status?.phase).toBe('Successful');
    expect(status?.message).toBeUndefined();
    expect(status?.startedAt).toBeDefined();
    expect(status?.completedAt).toBeDefined();
    expect(status?.runSummary).toEqual({ count: 1, successful: 1 });
    expect(status?.metricResults?.[0]).toMatchObject({ name: 'health', phase: 'Successful', count: 3, successful: 3, consecutiveSuccess: 3 });
    expect(status?.metricResults?.[0]?.measurements?.map((m) => m.value)).toEqual(['true', 'true', 'true']);
    expect(app.received.filter((request) => request.url === '/v1/health').every((request) => request.headers['x-api-key'] === API_KEY)).toBe(true);
  });

  it('a broken version: Failed at the first failure beyond failureLimit', async () => {
    await createRun('broken', 'v2', healthMetric({ count: 5, interval: '10s', failureLimit: 1 }));
    const { run } = await drive('broken');
    expect(run.status?.phase).toBe('Failed');
    expect(run.status?.message).toBe('Metric "health" assessed Failed due to failed (2) > failureLimit (1)');
    expect(run.status?.completedAt).toBeDefined();
    expect(run.status?.runSummary).toEqual({ count: 1, failed: 1 });
    expect(run.status?.metricResults?.[0]).toMatchObject({ count: 2, failed: 2 });
  });

  it('an unreachable application: Error after the fifth consecutive error', async () => {
    await createRun('unreachable', 'missing', healthMetric({}));
    const { run } = await drive('unreachable');
    expect(run.status?.phase).toBe('Error');
    expect(run.status?.message).toBe(
      'Metric "health" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: received non 2xx response code: 404"',
    );
    expect(run.status?.metricResults?.[0]).toMatchObject({ error: 5, consecutiveError: 5 });
    expect(run.status?.metricResults?.[0]?.count).toBeUndefined();
  });

  it('terminated through spec.terminate (as Kargo aborts): Successful, "Run Terminated"', async () => {
    await createRun('endless', 'v1', healthMetric({ interval: '10s' }));
    const { run } = await drive('endless', 10, async (round) => {
      if (round === 3) await client.patch(resources.analysisRun, 'endless', { spec: { terminate: true } }, NAMESPACE);
    });
    expect(run.status?.phase).toBe('Successful');
    expect(run.status?.message).toBe('Run Terminated');
    expect(run.status?.completedAt).toBeDefined();
    expect(run.status?.metricResults?.[0]?.count).toBe(3);
  });

  it('the server holds status to the CRD: a metric result without a phase is refused', async () => {
    await createRun('invalid-status', 'v1', healthMetric({}));
    const run = await client.get<AnalysisRun>(resources.analysisRun, 'invalid-status', NAMESPACE);
    const invalid = { ...run, status: { phase: 'Running', metricResults: [{ name: 'health' }] } } as unknown as AnalysisRun;
    await expect(client.update(resources.analysisRun, invalid, NAMESPACE)).rejects.toThrow(/phase/);
    expect(statusSchema(invalid.status)).toBe(false);
  });

  it('a missing Secret: Error with the reason, startedAt and completedAt set', async () => {
    await client.create(
      resources.analysisRun,
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AnalysisRun',
        metadata: { name: 'no-secret', namespace: NAMESPACE },
        spec: {
          metrics: [healthMetric({})],
          args: [
            { name: 'base', value: app.url },
            { name: 'api-key', valueFrom: { secretKeyRef: { name: 'gone', key: 'key' } } },
          ],
        },
      } satisfies AnalysisRun,
      NAMESPACE,
    );
    const { run } = await drive('no-secret');
    expect(run.status).toMatchObject({ phase: 'Error', message: 'Unable to resolve metric arguments: secrets "gone" not found' });
    expect(run.status?.startedAt).toBeDefined();
    expect(run.status?.completedAt).toBeDefined();
  });
});
