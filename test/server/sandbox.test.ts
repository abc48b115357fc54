// `kargo sandbox start | status | stop` in-process, against a real background
// server process, with a temporary HOME and KUBECONFIG.

import { Command } from 'commander';
import { build } from 'esbuild';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { CliContext } from '../../src/cli/context.js';
import { systemClock } from '../../src/runtime/clock.js';
import { toReport } from '../../src/cli/errors.js';
import { addGlobalOptions } from '../../src/cli/global-options.js';
import { sandboxCommand } from '../../src/commands/sandbox.js';
import { ApiClient } from '../protocol/api-client.js';
import { SHARED_CRD_DIRS } from '../support/test-cluster.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const launcher = [process.execPath, '--import', 'tsx', join(repoRoot, 'src/main.ts')];

interface Home {
  dir: string;
  kubeconfig: string;
  env: Record<string, string | undefined>;
}

const homes: Home[] = [];

async function newHome(): Promise<Home> {
  const dir = await mkdtemp(join(tmpdir(), 'kargo-sandbox-home-'));
  const home: Home = { dir, kubeconfig: join(dir, 'kube', 'config'), env: {} };
  home.env = { HOME: dir, KUBECONFIG: home.kubeconfig, PATH: process.env.PATH, XDG_STATE_HOME: undefined };
  homes.push(home);
  return home;
}

afterEach(async () => {
  for (const home of homes.splice(0)) {
    await run(home, ['sandbox', 'stop']);
    await rm(home.dir, { recursive: true, force: true });
  }
});

async function run(
  home: Home,
  argv: string[],
  withLauncher: string[] = launcher,
  signal: AbortSignal = new AbortController().signal,
  onOutput: (stdout: string) => void = () => undefined,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = {
    io: {
      stdout: {
        write: (chunk: string) => {
          stdout += chunk;
          onOutput(stdout);
          return true;
        },
      },
      stderr: { write: (chunk: string) => (stderr += chunk) },
    },
    env: { ...home.env, KUBECONFIG: home.kubeconfig },
    clock: systemClock,
    signal,
    kube: () => Promise.reject(new Error('sandbox commands do not use the kube client')),
  };
  const program = addGlobalOptions(new Command('kargo')).exitOverride();
  program.addCommand(sandboxCommand(ctx, { launcher: withLauncher }));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const report = toReport(error);
    if (report.exitCode === 1) throw error;
    return { code: report.exitCode, stdout, stderr: stderr + report.message };
  }
}

interface Kubeconfig {
  'current-context'?: string;
  contexts?: { name: string }[];
  clusters?: { name: string; cluster: { server: string } }[];
}

async function readKubeconfig(path: string): Promise<Kubeconfig> {
  return parseYaml(await readFile(path, 'utf8')) as Kubeconfig;
}

const EXISTING = `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster: {server: 'https://prod.example.com'}
users:
- name: prod
  user: {token: abc}
contexts:
- name: prod
  context: {cluster: prod, user: prod}
current-context: prod
`;

describe('kargo sandbox', () => {
  it('starts in the background, switches the context, is idempotent, and stop restores the previous context', async () => {
    const home = await newHome();
    await mkdir(join(home.dir, 'kube'), { recursive: true });
    await writeFile(home.kubeconfig, EXISTING, { mode: 0o600 });

    const started = await run(home, ['sandbox', 'start']);
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toMatch(/^Sandbox started at https:\/\/127\.0\.0\.1:\d+ \(pid \d+\)$/m);
    expect(started.stdout).toContain('made it the current context (was "prod")');
    const config = await readKubeconfig(home.kubeconfig);
    expect(config['current-context']).toBe('kargo-sandbox');
    expect(config.contexts?.map((context) => context.name).sort()).toEqual(['kargo-sandbox', 'prod']);

    const client = await ApiClient.fromKubeconfig(home.kubeconfig);
    expect((await client.get('/apis/kargo.akuity.io/v1alpha1/projects')).status).toBe(200);

    const again = await run(home, ['sandbox', 'start']);
    expect(again.stdout).toContain('Sandbox already running at');
    expect(again.stdout.match(/pid (\d+)/)?.[1]).toBe(started.stdout.match(/pid (\d+)/)?.[1]);

    const status = await run(home, ['sandbox', 'status', '-o', 'json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, currentContext: 'kargo-sandbox', kubeconfigPath: home.kubeconfig });

    const stopped = await run(home, ['sandbox', 'stop']);
    expect(stopped.stdout).toContain('Sandbox stopped');
    expect(stopped.stdout).toContain('current context is "prod" again');
    const restored = await readKubeconfig(home.kubeconfig);
    expect(restored['current-context']).toBe('prod');
    expect(restored.contexts?.map((context) => context.name)).toEqual(['prod']);
    expect(restored.clusters?.map((cluster) => cluster.name)).toEqual(['prod']);

    const after = await run(home, ['sandbox', 'status']);
    expect(after.code).toBe(3);
    expect(after.stdout).toContain('Sandbox not running');
  });

  it('creates the kubeconfig 0600 when missing and leaves current-context alone with --no-switch', async () => {
    const home = await newHome();
    const started = await run(home, ['sandbox', 'start', '--no-switch']);
    expect(started.code, started.stderr).toBe(0);
    expect((await stat(home.kubeconfig)).mode & 0o777).toBe(0o600);
    const config = await readKubeconfig(home.kubeconfig);
    expect(config['current-context']).toBeUndefined();
    expect(config.contexts?.map((context) => context.name)).toEqual(['kargo-sandbox']);
    const stateDir = join(home.dir, '.local', 'state', 'kargo', 'sandbox');
    expect(Number((await readFile(join(stateDir, 'sandbox.pid'), 'utf8')).trim())).toBeGreaterThan(0);
    const client = await ApiClient.fromKubeconfig(join(stateDir, 'kubeconfig'));
    expect((await client.get('/api/v1/namespaces')).status).toBe(200);
    const log = await readFile(join(stateDir, 'sandbox.log'), 'utf8');
    expect(log).toContain('Sandbox API server listening on https://127.0.0.1:');
    expect(log).toMatch(/ 200 GET \/api\/v1\/namespaces user=admin$/m);
  });

  it('validates objects against the CRDs given with --crds', async () => {
    const home = await newHome();
    const kargoCrds = SHARED_CRD_DIRS[0] ?? '';
    const started = await run(home, ['sandbox', 'start', '--crds', kargoCrds]);
    expect(started.code, started.stderr).toBe(0);
    const client = await ApiClient.fromKubeconfig(home.kubeconfig);
    await client.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'p' } });
    const invalid = await client.post('/apis/kargo.akuity.io/v1alpha1/namespaces/p/promotions', {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Promotion',
      metadata: { name: 'x' },
      spec: {},
    });
    expect(invalid.status).toBe(422);
    expect(String(invalid.body.message)).toContain('spec.stage: Required value');
    const missing = await run(home, ['sandbox', 'start', '--crds', join(home.dir, 'nope')]);
    expect(missing.code).not.toBe(0);
  });

  it('keeps objects across a stop and a start', async () => {
    const home = await newHome();
    expect((await run(home, ['sandbox', 'start'])).code).toBe(0);
    const client = await ApiClient.fromKubeconfig(home.kubeconfig);
    const created = await client.post('/apis/kargo.akuity.io/v1alpha1/projects', {
      apiVersion: 'kargo.akuity.io/v1alpha1',
      kind: 'Project',
      metadata: { name: 'kept' },
    });
    expect(created.status).toBe(201);
    expect((await run(home, ['sandbox', 'stop'])).code).toBe(0);
    expect((await run(home, ['sandbox', 'start'])).code).toBe(0);
    const reconnected = await ApiClient.fromKubeconfig(home.kubeconfig);
    expect((await reconnected.get('/apis/kargo.akuity.io/v1alpha1/projects/kept')).status).toBe(200);
  });

  it('runs the background server from the esbuild bundle too', async () => {
    const home = await newHome();
    const outdir = join(home.dir, 'dist');
    await build({
      absWorkingDir: repoRoot,
      entryPoints: { kargo: 'src/main.ts' },
      outdir,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      banner: { js: "import { createRequire as __kargoCreateRequire } from 'node:module'; const require = __kargoCreateRequire(import.meta.url);" },
    });
    const bundled = { ...home, launcher: [process.execPath, join(outdir, 'kargo.js')] };
    const started = await run(home, ['sandbox', 'start'], bundled.launcher);
    expect(started.code, started.stderr).toBe(0);
    const client = await ApiClient.fromKubeconfig(home.kubeconfig);
    expect((await client.get('/version')).status).toBe(200);
  }, 60_000);

  it('serves in the foreground until interrupted, printing where and the kubeconfig path', async () => {
    const home = await newHome();
    const stateDir = join(home.dir, 'fg');
    const interrupt = new AbortController();
    let announced: (stdout: string) => void = () => undefined;
    const listening = new Promise<string>((resolve) => (announced = resolve));
    const serving = run(home, ['sandbox', 'serve', '--state-dir', stateDir], launcher, interrupt.signal, (stdout) => {
      if (stdout.includes('Kubeconfig:')) announced(stdout);
    });
    const output = await listening;
    expect(output).toMatch(/^Sandbox API server listening on https:\/\/127\.0\.0\.1:\d+\nKubeconfig: .*\/fg\/kubeconfig\n$/);
    const client = await ApiClient.fromKubeconfig(join(stateDir, 'kubeconfig'));
    expect((await client.get('/version')).status).toBe(200);
    interrupt.abort(new Error('interrupted'));
    expect((await serving).code).toBe(0);
    await expect(client.get('/version')).rejects.toThrow();
    await expect(stat(join(stateDir, 'endpoint.json'))).rejects.toThrow();
  });

  it('has help with examples for every subcommand', () => {
    const sandbox = sandboxCommand({} as CliContext, { launcher });
    for (const sub of ['serve', 'start', 'stop', 'status']) {
      const command = sandbox.commands.find((candidate) => candidate.name() === sub);
      let help = '';
      command?.configureOutput({ writeOut: (text) => (help += text) });
      command?.outputHelp();
      expect(help).toContain(`Usage: sandbox ${sub}`);
      expect(help).toMatch(/Examples:\n {2}# .+\n {2}kargo sandbox /);
    }
  });
});
