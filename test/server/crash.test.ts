// The sandbox's durability under `kill -9`: bursts of creates, updates and deletes
// against a server process that is killed at a random moment, then restarted on
// the same state. Every acknowledged write must be there, resourceVersions only
// grow (also when the last writes were deletions), and kubectl still works.

import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../protocol/api-client.js';
import { startServerProcess, type ServerProcess } from './crash/crash-process.js';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const COLLECTION = '/api/v1/namespaces/default/configmaps';
const WRITERS = 6;
const NAMES_PER_WRITER = 4;
const ROUNDS = 5;

type Known = { present: false } | { present: true; value: number; resourceVersion: number };
interface Entry {
  known: Known;
  /** What the write in flight when the server died would have left, if it was applied. */
  pending?: Known;
}

interface ConfigMap {
  metadata: { name: string; resourceVersion: string };
  data?: { v?: string };
}

let stateDir: string;
let cacheDir: string;
let server: ServerProcess | undefined;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'kargo-crash-'));
  cacheDir = await mkdtemp(join(tmpdir(), 'kargo-crash-kubectl-'));
});

afterAll(async () => {
  await server?.kill();
  await rm(stateDir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

function kubectl(kubeconfig: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(KUBECTL, args, { env: { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: cacheDir }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const versionOf = (object: ConfigMap): number => Number(object.metadata.resourceVersion);

/** One writer: random writes on its own names until the server stops answering. */
async function write(client: ApiClient, names: string[], entries: Map<string, Entry>, acknowledged: number[], deletesOnly: () => boolean): Promise<void> {
  for (let step = 0; step < 10_000; step++) {
    const name = names[Math.floor(Math.random() * names.length)]!;
    const entry = entries.get(name)!;
    const value = step + 1;
    try {
      if (!entry.known.present) {
        if (deletesOnly()) continue;
        entry.pending = { present: true, value, resourceVersion: 0 };
        const response = await client.post<ConfigMap>(COLLECTION, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v: String(value) } });
        if (response.status !== 201) throw new Error(`create ${name}: ${response.status}`);
        entry.known = { present: true, value, resourceVersion: versionOf(response.body) };
      } else if (deletesOnly() || Math.random() < 0.4) {
        entry.pending = { present: false };
        const response = await client.delete<ConfigMap>(`${COLLECTION}/${name}`);
        if (response.status !== 200) throw new Error(`delete ${name}: ${response.status}`);
        entry.known = { present: false };
        entry.pending = undefined;
        // A deletion answers with a Status; the list's resourceVersion is what an informer would now hold.
        const seen = await client.get<{ metadata: { resourceVersion: string } }>(`${COLLECTION}?limit=1`);
        acknowledged.push(Number(seen.body.metadata.resourceVersion));
        continue;
      } else {
        entry.pending = { present: true, value, resourceVersion: 0 };
        const body = {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name, resourceVersion: String(entry.known.resourceVersion) },
          data: { v: String(value) },
        };
        const response = await client.put<ConfigMap>(`${COLLECTION}/${name}`, body);
        if (response.status !== 200) throw new Error(`update ${name}: ${response.status}`);
        entry.known = { present: true, value, resourceVersion: versionOf(response.body) };
      }
      if (entry.known.present) acknowledged.push(entry.known.resourceVersion);
      entry.pending = undefined;
    } catch (error) {
      // The server died mid-request: this write may or may not have been applied.
      if (error instanceof Error && /create|delete|update/.test(error.message) && !/ECONN|socket|EPIPE/.test(error.message)) throw error;
      return;
    }
  }
}

function matches(expected: Known, actual: ConfigMap | undefined): boolean {
  if (!expected.present) return actual === undefined;
  if (!actual || actual.data?.v !== String(expected.value)) return false;
  return expected.resourceVersion === 0 || versionOf(actual) === expected.resourceVersion;
}

describe('sandbox state across kill -9', () => {
  it('keeps every acknowledged write and never reuses a resourceVersion', async () => {
    const entries = new Map<string, Entry>();
    const writerNames: string[][] = [];
    for (let writer = 0; writer < WRITERS; writer++) {
      const names = Array.from({ length: NAMES_PER_WRITER }, (_, index) => `crash-w${writer}-${index}`);
      writerNames.push(names);
      for (const name of names) entries.set(name, { known: { present: false } });
    }
    let highestAcknowledged = 0;
    for (let round = 0; round < ROUNDS; round++) {
      server = await startServerProcess(stateDir);
      const client = await ApiClient.fromKubeconfig(server.kubeconfigPath);

      // After a restart: every acknowledged write is there; in-flight ones either applied or not.
      const listed = await client.get<{ items: ConfigMap[]; metadata: { resourceVersion: string } }>(COLLECTION);
      expect(listed.status).toBe(200);
      const found = new Map(listed.body.items.map((item) => [item.metadata.name, item]));
      for (const [name, entry] of entries) {
        const actual = found.get(name);
        const ok = matches(entry.known, actual) || (entry.pending !== undefined && matches(entry.pending, actual));
        expect(ok, `${name}: expected ${JSON.stringify(entry)} after restart ${round}, found ${JSON.stringify(actual)}`).toBe(true);
        entry.known = actual ? { present: true, value: Number(actual.data?.v), resourceVersion: versionOf(actual) } : { present: false };
        entry.pending = undefined;
      }
      expect(Number(listed.body.metadata.resourceVersion)).toBeGreaterThanOrEqual(highestAcknowledged);

      const probe = await client.post<ConfigMap>(COLLECTION, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'probe-' } });
      expect(probe.status).toBe(201);
      expect(versionOf(probe.body), `a new write after restart ${round} must get a fresh resourceVersion`).toBeGreaterThan(highestAcknowledged);
      expect((await client.delete(`${COLLECTION}/${probe.body.metadata.name}`)).status).toBe(200);

      // A burst; in odd rounds the last writes before the kill are all deletions.
      const acknowledged: number[] = [];
      let deleting = false;
      const deletesOnly = (): boolean => deleting;
      const writers = writerNames.map((names) => write(client, names, entries, acknowledged, deletesOnly));
      // However busy the machine, some writes are acknowledged before the kill.
      for (let waited = 0; acknowledged.length < 10 && waited < 15_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      deleting = round % 2 === 1;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 350)));
      await server.kill();
      server = undefined;
      await Promise.all(writers);
      expect(acknowledged.length, `round ${round} acknowledged some writes`).toBeGreaterThan(0);
      highestAcknowledged = Math.max(highestAcknowledged, versionOf(probe.body), ...acknowledged);
    }

    server = await startServerProcess(stateDir);
    const names = await kubectl(server.kubeconfigPath, ['get', 'configmaps', '-n', 'default', '-o', 'name']);
    expect(names.code, names.stderr).toBe(0);
    const expected = [...entries].filter(([, entry]) => entry.known.present || entry.pending?.present).length;
    expect(names.stdout.split('\n').filter((line) => line.startsWith('configmap/crash-')).length).toBeLessThanOrEqual(expected);
    const created = await kubectl(server.kubeconfigPath, ['create', 'configmap', 'after-crash', '-n', 'default', '-o', 'jsonpath={.metadata.resourceVersion}']);
    expect(created.code, created.stderr).toBe(0);
    expect(Number(created.stdout)).toBeGreaterThan(highestAcknowledged);
  }, 120_000);

  it('hands out a resourceVersion above the last deletions after kill -9', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kargo-crash-deletes-'));
    try {
      let serverProcess = await startServerProcess(dir);
      let client = await ApiClient.fromKubeconfig(serverProcess.kubeconfigPath);
      const versions: number[] = [];
      for (const name of ['a', 'b', 'c']) {
        const created = await client.post<ConfigMap>(COLLECTION, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
        versions.push(versionOf(created.body));
      }
      for (const name of ['a', 'b', 'c']) {
        expect((await client.delete(`${COLLECTION}/${name}`)).status).toBe(200);
        const listed = await client.get<{ metadata: { resourceVersion: string } }>(COLLECTION);
        versions.push(Number(listed.body.metadata.resourceVersion));
      }
      await serverProcess.kill();
      serverProcess = await startServerProcess(dir);
      client = await ApiClient.fromKubeconfig(serverProcess.kubeconfigPath);
      const next = await client.post<ConfigMap>(COLLECTION, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'd' } });
      await serverProcess.kill();
      expect(versionOf(next.body)).toBeGreaterThan(Math.max(...versions));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
