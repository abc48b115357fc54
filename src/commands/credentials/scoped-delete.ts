// `kargo delete repo-credentials|generic-credentials|configmap NAME...`: each
// checked as Kargo's API server checks it (credentials must carry their label),
// deleted, and printed as `secret/NAME deleted`; the others go ahead when one fails.

import { completeArguments } from '../../cli/completion-hints.js';
import { Command } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';
import { refuseParentFlags } from './parent-flags.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../../cli/output-options.js';
import { openSession } from '../../cli/session.js';
import { formatWritten } from '../../output/scoped-objects.js';
import { namespaceOf } from '../../usecases/credentials/scope.js';
import { raiseFailures } from './name-failures.js';
import { addScopeOptions, type ScopeFlags, scopeOf } from './scope-flags.js';
import type { ScopedKind } from './scoped-kinds.js';

export function scopedDeleteCommand(ctx: CliContext, kind: ScopedKind, name = kind.name, aliases = kind.aliases): Command {
  const command = new Command(name).aliases(aliases).description(`Delete ${kind.noun} by name`).argument('<names...>', `the ${kind.noun} to delete`);
  addScopeOptions(command, 'delete', kind.noun, kind.withSystem);
  completeArguments(command, { source: kind.source });
  command.action(async (names: string[], flags: ScopeFlags & TemplateFlags, self: Command) => {
    refuseParentFlags(self);
    const session = openSession(ctx, self);
    const spec = await outputSpecOf(session.options, flags);
    const scope = await scopeOf(session, flags);
    const client = await session.client();
    const failures: unknown[] = [];
    for (const objectName of [...new Set(names)]) {
      try {
        await kind.remove(client, scope, objectName);
        const deleted = { apiVersion: 'v1', kind: kind.type.kind, metadata: { name: objectName, namespace: namespaceOf(scope) } };
        ctx.io.stdout.write(await formatWritten(kind.type, deleted, 'deleted', spec));
      } catch (error) {
        failures.push(error);
      }
    }
    raiseFailures(ctx, failures);
  });
  addTemplateOptions(command);
  return withExamples(command, [
    [`Delete ${kind.noun} of project my-project`, `kargo delete ${name} -p my-project my-${kind.type.kind === 'Secret' ? 'credentials' : 'configmap'}`],
    [`Delete shared ones`, `kargo delete ${name} --shared my-${kind.type.kind === 'Secret' ? 'credentials' : 'configmap'}`],
  ]);
}
