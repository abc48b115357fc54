// What a command's action needs beyond its own flags: the global options, the
// cluster client (created on first use) and the selected project.

import type { Command } from 'commander';
import type { KubeClient } from '../kube/client.js';
import type { CliContext } from './context.js';
import { checkNames } from './name-checks.js';
import { clusterSelectionOf, globalOptionsOf, type GlobalOptions } from './global-options.js';
import { resolveProject } from './project.js';

export interface Session {
  ctx: CliContext;
  options: GlobalOptions;
  client(): Promise<KubeClient>;
  /** The project name; loads the kubeconfig only when nothing else names one. */
  project(): Promise<string>;
}

export function openSession(ctx: CliContext, command: Command): Session {
  const options = globalOptionsOf(command);
  checkNames(command);
  let client: Promise<KubeClient> | undefined;
  const session: Session = {
    ctx,
    options,
    client: () => (client ??= ctx.kube(clusterSelectionOf(options))),
    async project() {
      const resolved = await resolveProject(options.project, ctx.env, async () => (await session.client()).identity);
      return resolved.name;
    },
  };
  return session;
}
