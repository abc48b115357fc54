// `-f/--filename` and `-R/--recursive`, as kubectl and Kargo's CLI declare them
// for apply, create and delete, and the objects they name, planned for writing.

import { type Command, Option } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { collectFilenames, readManifestSources } from '../../cli/manifest-sources.js';
import type { Session } from '../../cli/session.js';
import { manifestProblems, type ManifestObject, planManifests } from '../../usecases/manifest-plan.js';
import { parseManifests } from '../../rules/manifest-documents.js';

export interface ManifestFlags {
  filename?: string[];
  recursive?: boolean;
}

export function addManifestOptions(command: Command, verb: string): Command {
  return command
    .addOption(
      new Option('-f, --filename <file>', `file, directory or URL of the manifests to ${verb} (repeatable; - reads stdin)`).argParser(collectFilenames),
    )
    .option('-R, --recursive', 'also read the subdirectories of a directory given with -f', false);
}

/** Every object the -f sources hold, checked and ordered; nothing is sent when one is wrong. */
export async function plannedObjects(ctx: CliContext, session: Session, flags: ManifestFlags, order: 'write' | 'delete'): Promise<ManifestObject[]> {
  const texts = await readManifestSources(flags.filename ?? [], {
    recursive: flags.recursive ?? false,
    ...(ctx.io.stdin ? { stdin: ctx.io.stdin } : {}),
    signal: ctx.signal,
  });
  const { documents, problems } = parseManifests(texts);
  if (problems.length > 0) throw manifestProblems(problems);
  return planManifests(documents, { order, ...(session.options.project ? { project: session.options.project } : {}) });
}
