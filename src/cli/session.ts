// What every command's action needs beyond its own flags: the global options, the
// cluster client (created on first use) and the selected project (resolved once).

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
  /** The project, then the client: what a command acting in one project needs. */
  target(): Promise<{ client: KubeClient; project: string }>;
}

export function openSession(ctx: CliContext, command: Command): Session {
  const options = globalOptionsOf(command);
  checkNames(command);
  let client: Promise<KubeClient> | undefined;
  let project: Promise<string> | undefined;
  const session: Session = {
    ctx,
    options,
    client: () => (client ??= ctx.kube(clusterSelectionOf(options))),
    project: () => (project ??= resolveProject(options.project, ctx.env, async () => (await session.client()).identity).then((resolved) => resolved.name)),
    async target() {
      const name = await session.project();
      return { client: await session.client(), project: name };
    },
  };
  return session;
}
