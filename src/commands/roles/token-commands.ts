// `kargo create token`, `kargo get tokens` and `kargo delete token`: API tokens
// of a Kargo role (a project's, or with --system one of Kargo's system roles).

import { completeArguments } from '../../cli/completion-hints.js';
import { Command } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';
import { refuseParentFlags } from '../credentials/parent-flags.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../../cli/output-options.js';
import { openSession, type Session } from '../../cli/session.js';
import type { Secret } from '../../model/core.js';
import { RBAC_MANAGED_ANNOTATION } from '../../model/rbac.js';
import { KARGO_NAMESPACE } from '../../model/resource-namespaces.js';
import { age } from '../../output/age.js';
import { formatListing, formatWritten, SECRET_TYPE } from '../../output/scoped-objects.js';
import { decodeBase64 } from '../../rules/credential-redaction.js';
import { fail } from '../../runtime/failure.js';
import type { RoleScope } from '../../usecases/roles/roles.js';
import { createApiToken, deleteApiToken, getApiToken, listApiTokens, SERVICE_ACCOUNT_NAME_ANNOTATION } from '../../usecases/roles/tokens.js';
import { raiseFailures } from '../credentials/name-failures.js';

interface TokenFlags {
  role?: string;
  system?: boolean;
}

async function tokenScope(session: Session, flags: TokenFlags): Promise<RoleScope> {
  if (flags.system && session.options.project) fail('usage', '--project and --system cannot be combined');
  return flags.system ? { kind: 'system', namespace: KARGO_NAMESPACE } : { kind: 'project', namespace: await session.project() };
}

export function createTokenCommand(ctx: CliContext): Command {
  const command = new Command('token')
    .description('Generate and retrieve a token for the specified role (printed once, on stdout)')
    .argument('<name>', 'the token')
    .option('--role <role>', 'the role for which to create a token (required)')
    .option('--system', 'a token for one of Kargo’s system-level roles (namespace kargo)')
    .action(async (name: string, flags: TokenFlags & TemplateFlags, self: Command) => {
      refuseParentFlags(self);
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      if (!flags.role) fail('usage', '--role is required');
      const scope = await tokenScope(session, flags);
      const secret = await createApiToken(await session.client(), scope, flags.role, name, (ms) => ctx.clock.sleep(ms, ctx.signal));
      if (spec.kind !== 'table') return void ctx.io.stdout.write(await formatWritten(SECRET_TYPE, secret, 'created', spec));
      ctx.io.stderr.write(`Token ${name} created for role ${flags.role}. Save it now: it will not be shown again.\n`);
      ctx.io.stdout.write(`${decodeBase64(secret.data?.token ?? '')}\n`);
    });
  addTemplateOptions(command);
  return withExamples(command, [
    ['A token for role my-role in my-project', 'kargo create token -p my-project --role=my-role my-token'],
    ['Keep it in a variable', 'TOKEN=$(kargo create token --role=ci ci-token)'],
    ['A token for the system-level role kargo-admin', 'kargo create token --system --role=kargo-admin my-token'],
  ]);
}

export function getTokensCommand(ctx: CliContext): Command {
  const command = new Command('tokens')
    .alias('token')
    .description('List tokens associated with a role (token values redacted)')
    .argument('[names...]', 'only these tokens')
    .option('--role <role>', 'only the tokens of this role')
    .option('--system', 'tokens of Kargo’s system-level roles (namespace kargo)')
    .action(async (names: string[], flags: TokenFlags & TemplateFlags, self: Command) => {
      refuseParentFlags(self);
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const scope = await tokenScope(session, flags);
      const client = await session.client();
      const unique = [...new Set(names)];
      const found: Secret[] = unique.length === 0 ? await listApiTokens(client, scope, flags.role) : [];
      const failures: unknown[] = [];
      for (const name of unique) {
        try {
          found.push(await getApiToken(client, scope, name));
        } catch (error) {
          failures.push(error);
        }
      }
      const now = ctx.clock.now();
      ctx.io.stdout.write(
        await formatListing(SECRET_TYPE, found, spec, { headers: session.options.headers, single: unique.length === 1 }, (tokens) => ({
          header: ['NAME', 'ROLE', 'KARGO MANAGED', 'AGE'],
          rows: tokens.map((token) => [
            token.metadata.name ?? '',
            token.metadata.annotations?.[SERVICE_ACCOUNT_NAME_ANNOTATION] ?? '',
            String(token.metadata.annotations?.[RBAC_MANAGED_ANNOTATION] === 'true'),
            age(token.metadata.creationTimestamp, now),
          ]),
        })),
      );
      if (found.length === 0 && unique.length === 0 && !spec) ctx.io.stderr.write(`No tokens found in namespace "${scope.namespace}".\n`);
      raiseFailures(ctx, failures);
    });
  addTemplateOptions(command);
  completeArguments(command, { source: 'tokens' });
  return withExamples(command, [
    ['Tokens of a project', 'kargo get tokens -p my-project'],
    ['Tokens of one role', 'kargo get tokens -p my-project --role=my-role'],
  ]);
}

export function deleteTokenCommand(ctx: CliContext): Command {
  const command = new Command('token')
    .alias('tokens')
    .description('Delete API tokens by name')
    .argument('<names...>', 'the tokens')
    .option('--system', 'tokens of Kargo’s system-level roles (namespace kargo)')
    .action(async (names: string[], flags: TokenFlags & TemplateFlags, self: Command) => {
      refuseParentFlags(self);
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const scope = await tokenScope(session, flags);
      const client = await session.client();
      const failures: unknown[] = [];
      for (const name of [...new Set(names)]) {
        try {
          await deleteApiToken(client, scope, name);
          ctx.io.stdout.write(await formatWritten(SECRET_TYPE, { metadata: { name, namespace: scope.namespace } }, 'deleted', spec));
        } catch (error) {
          failures.push(error);
        }
      }
      raiseFailures(ctx, failures);
    });
  addTemplateOptions(command);
  completeArguments(command, { source: 'tokens' });
  return withExamples(command, [['Delete a token', 'kargo delete token -p my-project my-token']]);
}
