// `kargo controller run`: the embedded Kargo controller in the foreground,
// against the cluster the kubeconfig selects — for a cluster with Kargo's CRDs
// but not Kargo (kind, k3s). It refuses where Kargo's own controller is at
// work (see usecases/kargo-controller-presence.ts) unless --force.

import { Command } from 'commander';
import { join } from 'node:path';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { openSession } from '../cli/session.js';
import type { KubeClient } from '../kube/client.js';
import { fail } from '../runtime/failure.js';
import { nameProblem } from '../rules/kubernetes-names.js';
import { runningEndpoint } from '../sandbox/daemon.js';
import { kargoStateHome, sandboxPaths } from '../sandbox/paths.js';
import { findKargoController } from '../usecases/kargo-controller-presence.js';
import { runController } from './shared/controller-runner.js';

interface RunFlags {
  force?: boolean;
  allowJobs?: boolean;
  stateDir?: string;
  shard?: string;
}

/** A shard names a label value and the controller's lease (a ConfigMap), so it must suit both. */
function checkShard(shard: string | undefined): void {
  const problem = shard === undefined ? undefined : nameProblem(shard, 'project');
  if (problem) fail('usage', `--shard "${shard}" ${problem}`, 'A shard name is what Stages give as spec.shard, e.g. --shard eu-west.');
}

/** A running `kargo sandbox` with its embedded controller, serving the same URL. */
async function sandboxController(ctx: CliContext, client: KubeClient): Promise<string[]> {
  const endpoint = await runningEndpoint(sandboxPaths(ctx.env));
  if (!endpoint?.controller || endpoint.url !== client.identity.server) return [];
  return [`the kargo sandbox at ${endpoint.url} runs its embedded controller (pid ${endpoint.pid})`];
}

async function checkNoOtherController(ctx: CliContext, client: KubeClient): Promise<void> {
  const presence = await findKargoController(client, ctx.clock.now());
  const found = [...presence.found, ...(await sandboxController(ctx, client))];
  const where = `context "${client.identity.contextName}"`;
  if (found.length > 0) {
    fail(
      'refused',
      `Kargo's controller is already at work in ${where}: ${found.join('; ')}`,
      'Two controllers would run the same Promotions twice. Use that controller, or pass --force if you know it is stopped.',
    );
  }
  if (presence.unchecked.length > 0) {
    fail(
      'refused',
      `cannot tell whether Kargo's controller runs in ${where}: ${presence.unchecked.join('; ')}`,
      'Ask for list access to leases.coordination.k8s.io and deployments.apps, or pass --force if you know Kargo is not installed.',
    );
  }
}

function untilInterrupted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function runCommand(ctx: CliContext): Command {
  const command = new Command('run')
    .description('Run the Kargo controller in the foreground against the current cluster until Ctrl-C')
    .option('--force', "start even where Kargo's own controller seems to be at work")
    .option('--allow-jobs', "let verification's `job` metrics run their container with docker or podman (off by default)")
    .option('--shard <name>', 'reconcile only the Stages, Promotions and Warehouses of this Kargo shard (default: those of no shard)')
    .option('--state-dir <dir>', "where Promotions' working directories are kept (default: $XDG_STATE_HOME/kargo/controller/<context>)")
    .action(async (flags: RunFlags, self: Command) => {
      checkShard(flags.shard);
      const session = openSession(ctx, self);
      const client = await session.client();
      if (flags.force) ctx.io.stderr.write("--force: not checking for Kargo's own controller\n");
      else await checkNoOtherController(ctx, client);
      const stateDir = flags.stateDir ?? join(kargoStateHome(ctx.env), 'controller', client.identity.contextName || 'default');
      const controller = await runController({
        ...(session.options.kubeconfig ? { kubeconfig: session.options.kubeconfig } : {}),
        ...(session.options.context ? { context: session.options.context } : {}),
        stateDir,
        clock: ctx.clock,
        env: ctx.env,
        allowJobs: flags.allowJobs === true,
        ...(flags.shard ? { shard: flags.shard } : {}),
        log: (line) => ctx.io.stderr.write(`${ctx.clock.now().toISOString()} ${line}\n`),
      });
      ctx.io.stderr.write(
        `Kargo controller running against context "${client.identity.contextName}" (${client.identity.server})${flags.shard ? `, shard "${flags.shard}"` : ''}${flags.allowJobs ? ', analysis jobs allowed' : ''}; state in ${stateDir}. Press Ctrl-C to stop.\n`,
      );
      const failed = controller.done.then(
        () => undefined,
        (error: unknown) => error,
      );
      const outcome = await Promise.race([untilInterrupted(ctx.signal), failed]);
      await controller.stop();
      if (outcome !== undefined) throw outcome;
      ctx.io.stderr.write('Kargo controller stopped\n');
    });
  return withExamples(command, [
    ['Run the controller against a kind cluster that has only the Kargo CRDs', 'kargo controller run --context kind-kargo'],
    ['Run it although a stopped Kargo left its Deployment behind', 'kargo controller run --force'],
    ['Run the controller of one shard (Stages with spec.shard: eu-west)', 'kargo controller run --shard eu-west'],
  ]);
}

export function controllerCommand(ctx: CliContext): Command {
  const command = new Command('controller').description('Run the embedded Kargo controller against a cluster where Kargo is not installed');
  command.addCommand(runCommand(ctx));
  return withExamples(command, [['Promotions run, verify and soak on a cluster with just the CRDs', 'kargo controller run']]);
}
