// The flags `kargo sandbox serve` and `start` share, and how `start` hands them
// to the background server.

import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { Failure } from '../../runtime/failure.js';

export interface ServeFlags {
  port?: number;
  stateDir?: string;
  crds?: string[];
  controller: boolean;
  argocd: boolean;
  allowJobs?: boolean;
}

export interface StartFlags extends ServeFlags {
  switch: boolean;
  example?: boolean;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Failure('usage', `--port must be a number from 0 to 65535, not "${value}"`);
  return port;
}

/** --crds values as absolute paths (the background server runs elsewhere); each must be a directory. */
function collect(value: string, previous: string[] | undefined): string[] {
  const dir = resolve(value);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Failure('usage', `--crds ${value}: no such directory`);
  return [...(previous ?? []), dir];
}

export function serverOptions(command: Command): Command {
  return command
    .addOption(new Option('--port <number>', 'port on 127.0.0.1 (default: a free one)').argParser(parsePort))
    .option('--state-dir <dir>', 'where objects, the CA and credentials persist (default: $XDG_STATE_HOME/kargo/sandbox or ~/.local/state/kargo/sandbox)')
    .option('--crds <dir>', 'apply the CRD files in this directory at start (repeatable); without it, Kargo kinds accept any shape', collect)
    .option('--no-controller', 'run no embedded Kargo controller (Promotions stay Pending)')
    .option('--no-argocd', 'run no Argo CD stand-in (Applications are not synced, no workloads served)')
    .option('--allow-jobs', "let verification's `job` metrics run their container with docker or podman (off by default)");
}

/** The serve flags `start` hands on to the background server. */
export function serveArgsOf(flags: ServeFlags): string[] {
  return [...(flags.controller ? [] : ['--no-controller']), ...(flags.argocd ? [] : ['--no-argocd']), ...(flags.allowJobs ? ['--allow-jobs'] : [])];
}
