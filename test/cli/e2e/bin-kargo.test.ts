// End-to-end: the built bin/kargo as a child process against the embedded server,
// as a script or CI job would run it (no TTY).

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKubeClient } from '../../../src/kube/http-client.js';
import type { Stage } from '../../../src/model/kargo.js';
import { startTestCluster, type TestCluster } from '../../support/test-cluster.js';
import { applyExamples, PROJECT } from '../support/examples.js';
import { captureStream, isolatedHome } from '../support/run-kargo.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'kargo.js');
let cluster: TestCluster;
let baseEnv: Record<string, string>;

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kargo(argv: string[], env: Record<string, string> = {}, onStdout?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, argv, { env: { PATH: process.env.PATH ?? '', ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  cluster = await startTestCluster();
  const admin = await createKubeClient({ kubeconfig: cluster.kubeconfigPath, verbose: false }, { env: {}, stderr: captureStream() });
  await applyExamples(admin);
  baseEnv = { ...isolatedHome(), KUBECONFIG: cluster.kubeconfigPath };
});

afterAll(async () => {
  await cluster?.close();
});

describe('bin/kargo', () => {
  it('prints help and exits 0', async () => {
    const result = await kargo(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: kargo <command> [flags]');
    expect(result.stderr).toBe('');
  });

  it('prints -o json that parses back', async () => {
    const result = await kargo(['get', 'stages', '-p', PROJECT, '-o', 'json']);
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as { kind: string; items: Stage[] };
    expect(list.kind).toBe('List');
    expect(list.items.map((stage) => stage.metadata.name)).toEqual(['dev', 'prod-eu', 'prod-us', 'staging-eu', 'staging-us']);
  });

  it('prints a plain table without colour when stdout is not a terminal', async () => {
    const result = await kargo(['get', 'stages', '-p', PROJECT]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NAME +CURRENT FREIGHT +HEALTH/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('colours with CLICOLOR_FORCE and honours NO_COLOR over it', async () => {
    const forced = await kargo(['get', 'stages', '-p', PROJECT], { CLICOLOR_FORCE: '1' });
    expect(forced.stdout).toContain('\u001b[32mHealthy\u001b[39m');
    const noColor = await kargo(['get', 'stages', '-p', PROJECT], { CLICOLOR_FORCE: '1', NO_COLOR: '1' });
    expect(noColor.stdout).not.toContain('\u001b[');
    const never = await kargo(['get', 'stages', '-p', PROJECT, '--color', 'never'], { CLICOLOR_FORCE: '1' });
    expect(never.stdout).not.toContain('\u001b[');
  });

  it('exits 3 with one line on stderr for a missing object', async () => {
    const result = await kargo(['get', 'freight', 'no-such-freight', '-p', PROJECT]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(`error: Freight "no-such-freight" not found in project "${PROJECT}"`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an unknown command', async () => {
    const result = await kargo(['promot']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'promot'");
    expect(result.stderr).toContain('(Did you mean promote?)');
  });

  it('logs requests with -v on stderr, keeping stdout clean', async () => {
    const result = await kargo(['get', 'projects', '-o', 'name', '-v']);
    expect(result.stdout).toBe(`project.kargo.akuity.io/${PROJECT}\n`);
    expect(result.stderr).toMatch(/^GET https:\/\/127\.0\.0\.1:\d+\/apis\/kargo\.akuity\.io\/v1alpha1\/projects\?limit=500 200 in \d+ms$/m);
    expect(result.stderr).not.toContain(cluster.server.adminToken);
  });

  it('exits 130 on Ctrl-C during get --watch', async () => {
    const result = await kargo(['get', 'stages', '-p', PROJECT, '-w'], {}, (text, child) => {
      if (text.includes('staging-us')) child.kill('SIGINT');
    });
    expect(result.code).toBe(130);
    expect(result.stdout).toContain('staging-us');
  });

  it('answers version --client and completion without a kubeconfig', async () => {
    const broken = { KUBECONFIG: '/nonexistent/kubeconfig' };
    const version = await kargo(['version', '--client'], broken);
    expect(version).toEqual({ code: 0, stdout: 'Client Version: 0.1.0\n', stderr: '' });
    const completion = await kargo(['completion', 'bash'], broken);
    expect(completion.code).toBe(0);
    expect(completion.stdout).toContain('complete -F _kargo kargo');
  });
});

describe('bundle layout', () => {
  it('keeps @kubernetes/client-node out of the entry chunk and its static imports', () => {
    const dist = join(ROOT, 'dist');
    // The chunks are CommonJS (scripts/build.mjs): a lazy load is require() behind a promise, as esbuild writes import().
    const lazyLoad = /Promise\.resolve\(\)\.then\(\(\)=>[\w$]+\(require\("\.\/([^"]+)"\)/g;
    const staticImports = (file: string): string[] =>
      [
        ...readFileSync(join(dist, file), 'utf8')
          .replace(lazyLoad, '')
          .matchAll(/require\("\.\/([^"]+)"\)/g),
      ].map((match) => match[1]!);
    const lazyImports = (file: string): string[] => [...readFileSync(join(dist, file), 'utf8').matchAll(lazyLoad)].map((match) => match[1]!);
    const eager = new Set<string>();
    const pending = ['kargo.js'];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (eager.has(file)) continue;
      eager.add(file);
      pending.push(...staticImports(file));
    }
    const clientChunk = readdirSync(dist).find((file) => file.startsWith('http-client-') && file.endsWith('.js'));
    expect(clientChunk).toBeDefined();
    expect(eager.has(clientChunk!)).toBe(false);
    expect(lazyImports('kargo.js')).toContain(clientChunk);
    for (const file of eager) expect(readFileSync(join(dist, file), 'utf8')).not.toContain('loadFromClusterAndUser');
    // A token, a client certificate or an exec plugin is read without the library: only kubeconfig-library's chunk loads it.
    const withClient = new Set<string>();
    const fromClient = [clientChunk!];
    while (fromClient.length > 0) {
      const file = fromClient.pop()!;
      if (withClient.has(file) || eager.has(file)) continue;
      withClient.add(file);
      fromClient.push(...staticImports(file));
    }
    for (const file of withClient) expect(readFileSync(join(dist, file), 'utf8'), file).not.toContain('loadFromClusterAndUser');
    const loadsLibrary = [...withClient, ...eager].filter((file) => lazyImports(file).some((chunk) => /^kubeconfig-library-[A-Z0-9]+\.js$/.test(chunk)));
    expect(loadsLibrary.length).toBeGreaterThan(0);
  });
});
