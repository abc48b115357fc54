// `kargo sandbox serve | start | stop | status | push-image`: a local Kubernetes-compatible API
// server with Kargo's kinds, for demos and trying kargo without a cluster.

import { Command } from 'commander';
import { Failure } from '../runtime/failure.js';
import type { CliContext } from '../cli/context.js';
import { exitQuietly } from '../cli/errors.js';
import { ExitCode } from '../cli/exit-codes.js';
import { globalOptionsOf } from '../cli/global-options.js';
import { withExamples } from '../cli/help.js';
import { formatDocument } from '../output/objects.js';
import { sandboxStatus, startSandbox, stopSandbox } from '../sandbox/lifecycle.js';
import type { Companion } from '../sandbox/serve.js';
import { pushImageCommand } from './sandbox-push-image.js';
import { serveArgsOf, serverOptions, type ServeFlags, type StartFlags } from './shared/sandbox-options.js';
import { activeKubeconfigPath, sandboxPaths, SANDBOX_CONTEXT, type SandboxPaths } from '../sandbox/paths.js';

export interface SandboxDeps {
  /** How to run this CLI in a background process: [executable, ...leading args]. */
  launcher: string[];
}

const defaultDeps = (): SandboxDeps => ({ launcher: [process.execPath, ...process.execArgv, process.argv[1] ?? 'kargo'] });

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function serveCommand(ctx: CliContext): Command {
  const command = serverOptions(new Command('serve'))
    .description('Run the sandbox API server in the foreground until Ctrl-C')
    .option('--access-log', 'print one line per request to stdout')
    .action(async (flags: ServeFlags & { accessLog?: boolean }) => {
      const paths = sandboxPaths(ctx.env, flags.stateDir);
      // Loaded on demand: the server (ajv, certificates) would otherwise slow every command's start-up.
      const { serveUntil, startSandboxServer } = await import('../sandbox/serve.js');
      const { runController } = await import('./shared/controller-runner.js');
      const { startSandboxRegistry } = await import('../sandbox/sandbox-registry.js');
      const { startArgoCDStandin } = await import('../sandbox/argocd-standin/index.js');
      const log = (line: string) => ctx.io.stderr.write(`${new Date().toISOString()} ${line}\n`);
      const registry = await startSandboxRegistry(paths);
      const running = await startSandboxServer({
        paths,
        registryHost: registry.host,
        crdDirs: flags.crds ?? [],
        controller: { enabled: flags.controller, allowJobs: flags.allowJobs === true },
        ...(flags.port !== undefined ? { port: flags.port } : {}),
        ...(flags.accessLog ? { accessLog: (line: string) => ctx.io.stdout.write(line) } : {}),
      });
      ctx.io.stdout.write(`Sandbox API server listening on ${running.server.url}\n`);
      ctx.io.stdout.write(`Kubeconfig: ${running.kubeconfigPath}\n`);
      ctx.io.stderr.write(`State: ${paths.stateDir} (press Ctrl-C to stop)\n`);
      ctx.io.stderr.write(`OCI registry at ${registry.host}\n`);
      const companions: Companion[] = [{ stop: () => registry.close() }];
      if (flags.argocd) {
        const standin = await startArgoCDStandin({ paths, kubeconfig: running.kubeconfigPath, clock: ctx.clock, log });
        standin.done.catch((error: unknown) => log(`argocd stand-in stopped: ${messageOf(error)}`));
        companions.push(standin);
        ctx.io.stderr.write('Argo CD stand-in running\n');
      }
      if (flags.controller) {
        // The API server keeps serving when the controller cannot start; the log says why.
        try {
          const controller = await runController({
            kubeconfig: running.kubeconfigPath,
            stateDir: paths.stateDir,
            clock: ctx.clock,
            env: ctx.env,
            allowJobs: flags.allowJobs === true,
            log,
          });
          controller.done.catch((error: unknown) => log(`controller stopped: ${messageOf(error)}`));
          companions.push(controller);
          ctx.io.stderr.write(`Kargo controller running${flags.allowJobs ? ' (analysis jobs allowed)' : ''}\n`);
        } catch (error) {
          log(`the Kargo controller could not start: ${messageOf(error)}`);
        }
      }
      await serveUntil(running, paths, ctx.signal, companions);
    });
  return withExamples(command, [
    ['Serve on a random port with state in the default directory', 'kargo sandbox serve'],
    ['Serve on port 6443 with the Kargo CRDs, state kept in ./sandbox', 'kargo sandbox serve --port 6443 --crds ./crds/kargo --state-dir ./sandbox'],
  ]);
}

function startCommand(ctx: CliContext, deps: SandboxDeps): Command {
  const command = serverOptions(new Command('start'))
    .description(`Start the sandbox in the background and add the "${SANDBOX_CONTEXT}" context to your kubeconfig`)
    .option('--no-switch', `add the "${SANDBOX_CONTEXT}" context without making it current`)
    .option(
      '--example',
      'also create the example pipeline (project my-web-app: Git repository, registry images, Warehouse, 5 Stages, Argo CD Applications, analysis)',
    )
    .action(async (flags: StartFlags, self: Command) => {
      const paths = sandboxPaths(ctx.env, flags.stateDir);
      const kubeconfigPath = activeKubeconfigPath(ctx.env, globalOptionsOf(self).kubeconfig);
      let result: Awaited<ReturnType<typeof startSandbox>>;
      try {
        result = await startSandbox({
          paths,
          kubeconfigPath,
          switchContext: flags.switch,
          launcher: deps.launcher,
          crdDirs: flags.crds ?? [],
          serveArgs: serveArgsOf(flags),
          env: ctx.env,
          ...(flags.port !== undefined ? { port: flags.port } : {}),
        });
      } catch (error) {
        throw new Failure(
          'internal',
          `could not start the sandbox: ${error instanceof Error ? error.message : String(error)}`,
          `Look at ${paths.logFile}, or run 'kargo sandbox serve' to see the server's output.`,
        );
      }
      const state = result.alreadyRunning ? 'already running' : 'started';
      ctx.io.stdout.write(`Sandbox ${state} at ${result.endpoint.url} (pid ${result.endpoint.pid})\n`);
      const switched = result.switched ? ` and made it the current context${result.previousContext ? ` (was "${result.previousContext}")` : ''}` : '';
      ctx.io.stdout.write(`Wrote context "${SANDBOX_CONTEXT}" to ${result.kubeconfigPath}${switched}\n`);
      const controller = result.endpoint.controller ? `running${result.endpoint.allowJobs ? ', analysis jobs allowed' : ''}` : 'off';
      ctx.io.stdout.write(`Kargo controller: ${controller}\n`);
      if (result.alreadyRunning && (result.endpoint.controller ?? false) !== flags.controller) {
        ctx.io.stderr.write(`The sandbox was already running with the controller ${controller}; 'kargo sandbox stop' first to change that.\n`);
      }
      if (flags.example) await createExampleIn(ctx, paths);
      ctx.io.stderr.write(`Logs: ${paths.logFile}. Stop it with 'kargo sandbox stop'.\n`);
    });
  return withExamples(command, [
    ['Start the sandbox and switch kubectl and kargo to it', 'kargo sandbox start'],
    ['Start it without changing the current context', 'kargo sandbox start --no-switch && kargo get stages --context kargo-sandbox'],
    ['Start it with the Kargo CRDs applied', 'kargo sandbox start --crds ./crds/kargo'],
    ['Start it with the example pipeline, ready to promote', 'kargo sandbox start --example && kargo status -p my-web-app'],
    ['Only the API server, no Kargo controller (Promotions stay Pending)', 'kargo sandbox start --no-controller'],
  ]);
}

async function createExampleIn(ctx: CliContext, paths: SandboxPaths): Promise<void> {
  const [{ createExample }, { createKubeClient }] = await Promise.all([import('../sandbox/example/index.js'), import('../kube/http-client.js')]);
  const client = await createKubeClient({ kubeconfig: paths.kubeconfigFile, verbose: false }, { env: ctx.env, stderr: ctx.io.stderr });
  let result: Awaited<ReturnType<typeof createExample>>;
  try {
    result = await createExample(paths, client);
  } catch (error) {
    throw new Failure('internal', `could not create the example: ${messageOf(error)}`, `Look at ${paths.logFile}.`);
  }
  const kept = result.existing.length > 0 ? ` (${result.existing.length} already there)` : '';
  ctx.io.stdout.write(`Example project my-web-app: ${result.created.length} objects created${kept}\n`);
  ctx.io.stdout.write(`  Git repository  ${result.settings.repoURL}\n  Images          ${result.settings.imageRepo}\n`);
  const apps = Object.entries(result.settings.ports).map(([stage, port]) => `${stage} http://127.0.0.1:${port}`);
  ctx.io.stdout.write(`  Applications    ${apps.join(', ')}\n`);
  ctx.io.stderr.write("Next: 'kargo status -p my-web-app', then 'kargo sandbox push-image my-web-app:1.5.0'.\n");
}

function stopCommand(ctx: CliContext): Command {
  const command = new Command('stop')
    .description(`Stop the background sandbox, remove its kubeconfig context and restore the previous current-context`)
    .option('--state-dir <dir>', 'the state directory the sandbox was started with')
    .action(async (flags: { stateDir?: string }, self: Command) => {
      const paths = sandboxPaths(ctx.env, flags.stateDir);
      const result = await stopSandbox(paths, activeKubeconfigPath(ctx.env, globalOptionsOf(self).kubeconfig));
      ctx.io.stdout.write(result.wasRunning ? 'Sandbox stopped\n' : 'Sandbox was not running\n');
      if (result.kubeconfigPath) {
        const restored = result.restoredContext ? `; current context is "${result.restoredContext}" again` : '';
        ctx.io.stdout.write(`Removed context "${SANDBOX_CONTEXT}" from ${result.kubeconfigPath}${restored}\n`);
      }
    });
  return withExamples(command, [['Stop the sandbox (its objects stay in the state directory for the next start)', 'kargo sandbox stop']]);
}

function statusCommand(ctx: CliContext): Command {
  const command = new Command('status')
    .description('Show whether the background sandbox runs, where, and its files; exit code 3 when it is not running')
    .option('--state-dir <dir>', 'the state directory the sandbox was started with')
    .action(async (flags: { stateDir?: string }, self: Command) => {
      const status = await sandboxStatus(sandboxPaths(ctx.env, flags.stateDir));
      const output = globalOptionsOf(self).output;
      if (output === 'json' || output === 'yaml') {
        ctx.io.stdout.write(await formatDocument(status, output));
      } else if (status.running) {
        ctx.io.stdout.write(`Sandbox running at ${status.url ?? ''} (pid ${status.pid ?? '?'})\n`);
        const jobs = status.allowJobs ? ', analysis jobs allowed' : '';
        ctx.io.stdout.write(`Kargo controller: ${status.controller ? `running${jobs}` : 'off (--no-controller)'}\n`);
        if (status.registry) ctx.io.stdout.write(`OCI registry: ${status.registry}\n`);
        if (status.kubeconfigPath) ctx.io.stdout.write(`Kubeconfig: ${status.kubeconfigPath} (current context: ${status.currentContext ?? 'none'})\n`);
        ctx.io.stdout.write(`State: ${status.stateDir}\nLogs: ${status.logFile}\n`);
      } else {
        ctx.io.stdout.write(`Sandbox not running (state: ${status.stateDir})\n`);
      }
      if (!status.running) throw exitQuietly(ExitCode.NotFound);
    });
  return withExamples(command, [
    ['Is the sandbox up?', 'kargo sandbox status'],
    ['Machine-readable status', 'kargo sandbox status -o json'],
  ]);
}

export function sandboxCommand(ctx: CliContext, deps: SandboxDeps = defaultDeps()): Command {
  const command = new Command('sandbox').description('Run a local Kubernetes-compatible API server with Kargo kinds (no cluster needed)');
  command.addCommand(serveCommand(ctx));
  command.addCommand(startCommand(ctx, deps));
  command.addCommand(stopCommand(ctx));
  command.addCommand(statusCommand(ctx));
  command.addCommand(pushImageCommand(ctx));
  return withExamples(command, [
    ['Try kargo without a cluster', 'kargo sandbox start && kargo get projects'],
    ['Stop it again', 'kargo sandbox stop'],
  ]);
}
