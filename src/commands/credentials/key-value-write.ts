// `kargo create|update generic-credentials` and `kargo create|update configmap`:
// a name, `--set KEY=VALUE` (repeatable), on update also `--unset KEY`, and
// `--description`, in a project or with --shared / --system.

import { completeArguments } from '../../cli/completion-hints.js';
import type { DynamicSource } from '../../usecases/complete-values.js';
import { Command } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';
import { refuseParentFlags } from './parent-flags.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../../cli/output-options.js';
import { openSession } from '../../cli/session.js';
import type { KubeClient } from '../../kube/client.js';
import type { KubeObject } from '../../model/kargo.js';
import { CONFIGMAP_TYPE, formatWritten, SECRET_TYPE } from '../../output/scoped-objects.js';
import { fail } from '../../runtime/failure.js';
import { createConfigMap, updateConfigMap } from '../../usecases/credentials/configmaps.js';
import { createGenericCredentials, updateGenericCredentials } from '../../usecases/credentials/generic-credentials.js';
import type { KeyValueChange } from '../../usecases/credentials/key-values.js';
import type { ResourceScope } from '../../usecases/credentials/scope.js';
import { collect, parseSetValues, parseUnsetKeys } from './key-value-flags.js';
import { addScopeOptions, type ScopeFlags, scopeOf } from './scope-flags.js';

interface KeyValueFlags extends ScopeFlags {
  set?: string[];
  unset?: string[];
  description?: string;
}

interface KeyValueKind {
  name: string;
  aliases: string[];
  noun: string;
  example: string;
  /** Where shell completion finds names of this kind. */
  source: DynamicSource;
  create(client: KubeClient, scope: ResourceScope, input: { name: string; data: Record<string, string>; description?: string }): Promise<KubeObject>;
  update(client: KubeClient, scope: ResourceScope, name: string, change: KeyValueChange): Promise<KubeObject>;
  printedAs: typeof SECRET_TYPE;
}

const GENERIC: KeyValueKind = {
  source: 'generic-credentials',
  name: 'generic-credentials',
  aliases: ['generic-credential', 'generic-creds', 'generic-cred', 'genericcredentials', 'genericcredential', 'genericcreds', 'genericcred'],
  noun: 'generic credentials',
  example: 'my-credentials --set API_KEY=my-api-key',
  create: createGenericCredentials,
  update: updateGenericCredentials,
  printedAs: SECRET_TYPE,
};

const CONFIGMAP: KeyValueKind = {
  name: 'configmap',
  aliases: ['configmaps', 'cm'],
  source: 'configmaps',
  noun: 'ConfigMap',
  example: 'my-configmap --set LOG_LEVEL=debug',
  create: createConfigMap,
  update: updateConfigMap,
  printedAs: CONFIGMAP_TYPE,
};

function keyValueCommand(ctx: CliContext, kind: KeyValueKind, verb: 'create' | 'update'): Command {
  const command = new Command(kind.name)
    .aliases(kind.aliases)
    .description(verb === 'create' ? `Create new ${kind.noun}` : `Change ${kind.noun}: set or remove keys, change the description`)
    .argument('<name>', `the ${kind.noun}`)
    .option('--set <key=value>', 'a key and its value (repeatable)', collect)
    .option('--description <text>', `description of the ${kind.noun}`);
  if (verb === 'update') completeArguments(command.option('--unset <key>', 'remove a key (repeatable)', collect), { source: kind.source });
  addScopeOptions(command, verb, kind.noun, true);
  command.action(async (name: string, flags: KeyValueFlags & TemplateFlags, self: Command) => {
    refuseParentFlags(self);
    const session = openSession(ctx, self);
    const spec = await outputSpecOf(session.options, flags);
    const set = parseSetValues(flags.set ?? []);
    const unset = parseUnsetKeys(flags.unset ?? []);
    if (verb === 'create' && Object.keys(set).length === 0) fail('usage', 'at least one --set key=value is required');
    if (verb === 'update' && Object.keys(set).length === 0 && unset.length === 0 && !flags.description) {
      fail('usage', 'at least one of --set, --unset, or --description must be provided');
    }
    const scope = await scopeOf(session, flags);
    const client = await session.client();
    const description = flags.description ? { description: flags.description } : {};
    const written =
      verb === 'create'
        ? await kind.create(client, scope, { name, data: set, ...description })
        : await kind.update(client, scope, name, { set, unset, ...description });
    ctx.io.stdout.write(await formatWritten(kind.printedAs, written, verb === 'create' ? 'created' : '', spec));
  });
  const examples: [string, string][] =
    verb === 'create'
      ? [
          [`${kind.noun} in project my-project`, `kargo create ${kind.name} -p my-project ${kind.example}`],
          [`Shared ${kind.noun}, with a description`, `kargo create ${kind.name} --shared ${kind.example} --description="used by every project"`],
        ]
      : [
          ['Set one key and remove another', `kargo update ${kind.name} -p my-project ${kind.example} --unset OLD_KEY`],
          ['Change the description of system ones', `kargo update ${kind.name} --system ${kind.example.split(' ')[0]} --description="new words"`],
        ];
  addTemplateOptions(command);
  return withExamples(command, examples);
}

export const createGenericCredentialsCommand = (ctx: CliContext): Command => keyValueCommand(ctx, GENERIC, 'create');
export const updateGenericCredentialsCommand = (ctx: CliContext): Command => keyValueCommand(ctx, GENERIC, 'update');
export const createConfigMapCommand = (ctx: CliContext): Command => keyValueCommand(ctx, CONFIGMAP, 'create');
export const updateConfigMapCommand = (ctx: CliContext): Command => keyValueCommand(ctx, CONFIGMAP, 'update');
