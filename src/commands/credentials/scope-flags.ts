// `--shared` / `--system` beside the global -p/--project, as Kargo's CLI has them
// on its credentials and ConfigMap commands: at most one of the three.

import type { Command } from 'commander';
import type { Session } from '../../cli/session.js';
import { fail } from '../../runtime/failure.js';
import type { ResourceScope } from '../../usecases/credentials/scope.js';

export interface ScopeFlags {
  shared?: boolean;
  system?: boolean;
}

/** Adds --shared (and --system when the kind has system-level objects). */
export function addScopeOptions(command: Command, verb: string, noun: string, withSystem: boolean): Command {
  command.option('--shared', `${verb} shared ${noun}, usable by every project (namespace kargo-shared-resources)`);
  if (withSystem) command.option('--system', `${verb} system ${noun}, for Kargo itself (namespace kargo-system-resources)`);
  return command;
}

/** The scope the flags select; the project comes from -p, $KARGO_PROJECT, the config or the context. */
export async function scopeOf(session: Session, flags: ScopeFlags): Promise<ResourceScope> {
  const chosen = [session.options.project ? '--project' : '', flags.shared ? '--shared' : '', flags.system ? '--system' : ''].filter(Boolean);
  if (chosen.length > 1) fail('usage', `${chosen.join(' and ')} cannot be combined`, 'Pick one of -p/--project, --shared and --system.');
  if (flags.shared) return { kind: 'shared' };
  if (flags.system) return { kind: 'system' };
  return { kind: 'project', project: await session.project() };
}
