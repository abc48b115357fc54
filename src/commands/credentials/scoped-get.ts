// `kargo get repo-credentials|generic-credentials|configmaps [NAME...]`
// (`--shared`, `--system`): Kargo's listing of a scope, credentials redacted.

import { completeArguments } from '../../cli/completion-hints.js';
import { Command } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';
import { refuseParentFlags } from './parent-flags.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../../cli/output-options.js';
import { openSession } from '../../cli/session.js';
import type { KubeObject } from '../../model/kargo.js';
import { formatListing } from '../../output/scoped-objects.js';
import { Failure } from '../../runtime/failure.js';
import { scopeWords } from '../../usecases/credentials/scope.js';
import { raiseFailures } from './name-failures.js';
import { addScopeOptions, type ScopeFlags, scopeOf } from './scope-flags.js';
import type { ScopedKind } from './scoped-kinds.js';

export function scopedGetCommand(ctx: CliContext, kind: ScopedKind): Command {
  const command = new Command(kind.name)
    .aliases(kind.aliases)
    .description(
      `Show ${kind.noun} of a project, or the shared${kind.withSystem ? ' or system' : ''} ones${kind.type.kind === 'Secret' ? ' (values redacted)' : ''}`,
    )
    .argument('[names...]', `only these ${kind.noun}`);
  addScopeOptions(command, 'show', kind.noun, kind.withSystem);
  completeArguments(command, { source: kind.source });
  command.action(async (names: string[], flags: ScopeFlags & TemplateFlags, self: Command) => {
    refuseParentFlags(self);
    const session = openSession(ctx, self);
    const spec = await outputSpecOf(session.options, flags);
    const scope = await scopeOf(session, flags);
    const client = await session.client();
    const unique = [...new Set(names)];
    const found: KubeObject[] = [];
    const failures: Failure[] = [];
    if (unique.length === 0) found.push(...(await kind.list(client, scope)));
    for (const name of unique) {
      try {
        found.push(await kind.get(client, scope, name));
      } catch (error) {
        if (!(error instanceof Failure) || error.kind !== 'not-found') throw error;
        failures.push(error);
      }
    }
    const { options } = session;
    ctx.io.stdout.write(
      await formatListing(kind.type, found, spec, { headers: options.headers, single: unique.length === 1 }, (objects) => kind.table(objects, ctx.clock.now())),
    );
    if (found.length === 0 && unique.length === 0 && spec.kind === 'table') {
      ctx.io.stderr.write(`No ${kind.noun} found in ${scopeWords(scope)}.\n`);
    }
    raiseFailures(ctx, failures);
  });
  const flag = kind.withSystem ? '--system' : '--shared';
  addTemplateOptions(command);
  return withExamples(command, [
    [`${kind.noun} of the default project`, `kargo get ${kind.name}`],
    [
      `One of them in project my-project, as YAML`,
      `kargo get ${kind.name} -p my-project my-${kind.type.kind === 'Secret' ? 'credentials' : 'configmap'} -o yaml`,
    ],
    [`The ${flag.slice(2)} ones`, `kargo get ${kind.name} ${flag}`],
  ]);
}
