// Real parts for the Warehouse tests: a bare git repository with a working
// clone that commits and tags at chosen dates, the sandbox registry with
// credentials, and a local HTTP server serving a Helm repository index.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stringify } from 'yaml';
import { imageStore, type ImageStore, publishImage, type RunningRegistry, startRegistry } from '../../../src/sandbox/registry/index.js';

export interface GitFixture {
  /** The directory holding the bare repository `remote.git`. */
  root: string;
  url: string;
  /** Commits `files` on the current branch at `date` (ISO) and pushes; returns the commit id. */
  commit(files: Record<string, string>, message: string, date: string): string;
  tag(name: string, date: string, annotated?: boolean): void;
  branch(name: string): void;
  close(): void;
}

export function gitFixture(): GitFixture {
  const root = mkdtempSync(join(tmpdir(), 'kargo-wh-git-'));
  const bare = join(root, 'remote.git');
  const work = join(root, 'work');
  const run = (args: string[], date = '2026-01-01T00:00:00Z') =>
    execFileSync('git', args, {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: root,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_AUTHOR_NAME: 'Ada',
        GIT_AUTHOR_EMAIL: 'ada@example.com',
        GIT_COMMITTER_NAME: 'Bob',
        GIT_COMMITTER_EMAIL: 'bob@example.com',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      },
    }).trim();
  mkdirSync(work);
  run(['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  run(['init', '--quiet', '--initial-branch=main']);
  let current = 'main';
  return {
    root,
    url: pathToFileURL(bare).href,
    commit(files, message, date) {
      for (const [file, contents] of Object.entries(files)) {
        mkdirSync(dirname(join(work, file)), { recursive: true });
        writeFileSync(join(work, file), contents);
      }
      run(['add', '.'], date);
      run(['commit', '--quiet', '-m', message], date);
      run(['push', '--quiet', bare, `HEAD:refs/heads/${current}`], date);
      return run(['rev-parse', 'HEAD']);
    },
    tag(name, date, annotated = false) {
      run(['tag', ...(annotated ? ['-a', '-m', `release ${name}`] : []), name], date);
      run(['push', '--quiet', bare, `refs/tags/${name}`], date);
    },
    branch(name) {
      run(['checkout', '--quiet', '-b', name]);
      current = name;
    },
    close: () => rmSync(root, { recursive: true, force: true }),
  };
}

export const REGISTRY_USER = { username: 'robot', password: 'p4ssw0rd' };

export interface RegistryFixture {
  registry: RunningRegistry;
  store: ImageStore;
  publish(repository: string, tag: string, created: string, annotations?: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

export async function registryFixture(): Promise<RegistryFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'kargo-wh-registry-'));
  const store = imageStore(dir);
  // Small pages, so discovery has to follow the Link headers as it would on Docker Hub.
  const registry = await startRegistry({ store, credentials: REGISTRY_USER, maxPageSize: 2 });
  return {
    registry,
    store,
    publish: async (repository, tag, created, annotations) =>
      (await publishImage(store, repository, tag, { created, ...(annotations ? { annotations } : {}) })).digest,
    async close() {
      await registry.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ChartRepoFixture {
  url: string;
  setVersions(chart: string, versions: string[]): void;
  close(): Promise<void>;
}

export async function chartRepoFixture(): Promise<ChartRepoFixture> {
  const entries: Record<string, { name: string; version: string; urls: string[] }[]> = {};
  const server: Server = createServer((request, response) => {
    if (request.url !== '/charts/index.yaml') return void response.writeHead(404).end();
    response.setHeader('content-type', 'application/x-yaml').end(stringify({ apiVersion: 'v1', entries }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/charts`,
    setVersions(chart, versions) {
      entries[chart] = versions.map((version) => ({ name: chart, version, urls: [`${chart}-${version}.tgz`] }));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
