// Embedded API server benchmark: start-to-ready time and create / list / watch
// throughput over HTTPS with keep-alive. Run: npx tsx bench/server-bench.ts [objects]
// Throughput runs against a server in a child process, so the load generator does
// not share its CPU.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type EmbeddedServer } from '../src/server/index.js';

const OBJECTS = Number(process.argv[2] ?? 2000);
const CONCURRENCY = 16;
const crdRoot = fileURLToPath(new URL('../../shared/crds/', import.meta.url));
const CRD_DIRS = ['kargo', 'argo-rollouts', 'argo-cd'].map((dir) => join(crdRoot, dir));

interface Target {
  url: string;
  caCertPem?: string;
  adminToken: string;
}

interface Client {
  call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }>;
  stream(path: string, onLine: (line: string) => void): () => void;
}

function clientFor(server: Target): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: server.caCertPem });
  const headers = { Authorization: `Bearer ${server.adminToken}`, Accept: 'application/json' };
  return {
    call(method, path, body) {
      return new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const req = request(
          new URL(path, server.url),
          { method, agent, headers: payload ? { ...headers, 'Content-Type': 'application/json' } : headers },
          (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (chunk: string) => (text += chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
    stream(path, onLine) {
      const req = request(new URL(path, server.url), { headers, ca: server.caCertPem }, (response) => {
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let newline = buffer.indexOf('\n');
          while (newline >= 0) {
            onLine(buffer.slice(0, newline));
            buffer = buffer.slice(newline + 1);
            newline = buffer.indexOf('\n');
          }
        });
      });
      req.on('error', () => undefined);
      req.end();
      return () => req.destroy();
    },
  };
}

async function timeStart(label: string, start: () => Promise<EmbeddedServer>): Promise<EmbeddedServer> {
  const began = performance.now();
  const server = await start();
  const client = clientFor(server);
  const ready = await client.call('GET', '/readyz');
  if (ready.status !== 200) throw new Error('not ready');
  console.log(`${label.padEnd(52)} ${(performance.now() - began).toFixed(0).padStart(6)} ms`);
  return server;
}

async function inParallel(count: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await task(index);
      }
    }),
  );
}

function rate(label: string, count: number, ms: number, unit: string): void {
  console.log(`${label.padEnd(52)} ${((count / ms) * 1000).toFixed(0).padStart(6)} ${unit}/s  (${count} in ${ms.toFixed(0)} ms)`);
}

async function throughput(server: Target, label: string): Promise<void> {
  const client = clientFor(server);
  const path = '/apis/kargo.akuity.io/v1alpha1/namespaces/default/freights';
  let received = 0;
  let allReceived: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allReceived = resolve));
  const watchers = 4;
  const stops = Array.from({ length: watchers }, () =>
    client.stream(`${path}?watch=true&resourceVersion=0`, () => {
      received += 1;
      if (received === OBJECTS * watchers) allReceived();
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 100));

  const createdAt = performance.now();
  await inParallel(OBJECTS, async (index) => {
    const freight = {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Freight',
      metadata: { name: `f-${index.toString().padStart(6, '0')}`, labels: { batch: String(index % 10) } },
      origin: { kind: 'Warehouse', name: 'w' },
      images: [{ repoURL: 'ghcr.io/example/app', tag: `v${index}` }],
    };
    const response = await client.call('POST', path, freight);
    if (response.status !== 201) throw new Error(`create failed: ${response.status} ${response.text}`);
  });
  rate(`${label}: create (${CONCURRENCY} concurrent)`, OBJECTS, performance.now() - createdAt, 'creates');
  await done;
  rate(`${label}: watch events delivered (${watchers} watchers)`, OBJECTS * watchers, performance.now() - createdAt, 'events');
  for (const stop of stops) stop();

  const lists = 20;
  const listedAt = performance.now();
  await inParallel(lists, async () => {
    const response = await client.call('GET', path);
    if (response.status !== 200) throw new Error('list failed');
  });
  const listMs = performance.now() - listedAt;
  rate(`${label}: full list of ${OBJECTS}`, lists, listMs, 'lists');
  rate(`${label}: objects listed`, lists * OBJECTS, listMs, 'objects');
  const selectedAt = performance.now();
  await inParallel(lists, async () => {
    await client.call('GET', `${path}?labelSelector=batch%3D3&limit=100`);
  });
  rate(`${label}: list with labelSelector + limit=100`, lists, performance.now() - selectedAt, 'lists');
}

/** Child-process mode: start a server, report where it listens on stdout, serve until killed. */
async function serveForParent(dir: string | undefined): Promise<void> {
  const server = await startServer({ crdDirs: CRD_DIRS, ...(dir ? { stateDir: dir } : {}) });
  process.stdout.write(`${JSON.stringify({ url: server.url, caCertPem: server.caCertPem, adminToken: server.adminToken })}\n`);
}

function serverProcess(dir?: string): Promise<{ target: Target; stop: () => void }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve', ...(dir ? [dir] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline >= 0) resolve({ target: JSON.parse(buffer.slice(0, newline)) as Target, stop: () => child.kill() });
    });
    child.once('exit', (code) => reject(new Error(`server process exited with ${code ?? 'signal'}`)));
  });
}

if (process.argv[2] === '--serve') {
  await serveForParent(process.argv[3]);
} else {
  const stateDir = await mkdtemp(join(tmpdir(), 'kargo-bench-'));
  try {
    console.log(`kargo embedded API server benchmark (${OBJECTS} objects, Node ${process.version})\n`);
    const cold = await timeStart('start: in memory, first TLS certificate generation', () => startServer());
    await cold.close();
    const warm = await timeStart('start: in memory, certificate already generated', () => startServer());
    await warm.close();
    const crds = await timeStart('start: in memory with the 13 shared CRDs', () => startServer({ crdDirs: CRD_DIRS }));
    await crds.close();
    const persisted = await timeStart('start: --state-dir (new) with CRDs', () => startServer({ stateDir, crdDirs: CRD_DIRS }));
    await persisted.close();
    const reloaded = await timeStart('start: --state-dir reload with CRDs', () => startServer({ stateDir, crdDirs: CRD_DIRS }));
    await reloaded.close();
    console.log('');

    const memory = await serverProcess();
    await throughput(memory.target, 'memory');
    memory.stop();
    console.log('');
    const durableDir = join(stateDir, 'durable');
    const durable = await serverProcess(durableDir);
    await throughput(durable.target, 'state-dir');
    durable.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const restarted = await timeStart(`\nstart: --state-dir reload with ${OBJECTS} objects`, () => startServer({ stateDir: durableDir, crdDirs: CRD_DIRS }));
    await restarted.close();
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}
