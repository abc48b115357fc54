// `kargo grant` and `kargo revoke`: a role to (or from) users by OIDC claims,
// or verbs on a resource type to (or from) a role, with Kargo CLI's flags.

import { Command } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../../cli/output-options.js';
import { openSession } from '../../cli/session.js';
import { formatWritten } from '../../output/scoped-objects.js';
import { KARGO_ROLE_TYPE } from '../../output/tables/role-tables.js';
import { fail } from '../../runtime/failure.js';
import { changeRoleClaims, changeRolePermissions } from '../../usecases/roles/grants.js';
import { collectList, parseClaims } from './role-flags.js';

interface GrantFlags {
  role?: string;
  claim?: string[];
  verb?: string[];
  resourceType?: string;
  resourceName?: string;
}

function grantOrRevoke(ctx: CliContext, change: 'grant' | 'revoke'): Command {
  const to = change === 'grant' ? 'to' : 'from';
  const command = new Command(change)
    .description(change === 'grant' ? 'Grant a role to a user or grant permissions to a role' : 'Revoke a role from a user or revoke permissions from a role')
    .option('--role <role>', 'the role to manage (required)')
    .option(
      '--claim <name=value>',
      `an OIDC claim name and value: users with it get${change === 'grant' ? '' : ' no longer'} the role (repeatable)`,
      collectList,
    )
    .option('--verb <verb>', `a verb to ${change} on the resource (repeatable, comma-separated, * for all)`, collectList)
    .option('--resource-type <type>', `a type of resource to ${change} permissions ${to}, plural (e.g. stages)`)
    .option('--resource-name <name>', `the name of a resource to ${change} permissions ${to}`)
    .action(async (flags: GrantFlags & TemplateFlags, self: Command) => {
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      if (!flags.role) fail('usage', '--role is required');
      const claims = flags.claim ?? [];
      const permission = flags.resourceType !== undefined || flags.verb !== undefined || flags.resourceName !== undefined;
      if (claims.length > 0 && permission) fail('usage', '--claim cannot be combined with --verb, --resource-type or --resource-name');
      if (claims.length === 0 && !permission) fail('usage', 'give --claim, or --verb with --resource-type');
      if (permission && (!flags.resourceType || !flags.verb?.length)) fail('usage', '--verb and --resource-type go together');
      const { client, project } = await session.target();
      const role =
        claims.length > 0
          ? await changeRoleClaims(client, project, flags.role, parseClaims(claims), change)
          : await changeRolePermissions(
              client,
              project,
              flags.role,
              { resourceType: flags.resourceType ?? '', verbs: flags.verb ?? [], ...(flags.resourceName ? { resourceName: flags.resourceName } : {}) },
              change,
            );
      ctx.io.stdout.write(await formatWritten(KARGO_ROLE_TYPE, role, 'updated', spec));
    });
  addTemplateOptions(command);
  return withExamples(
    command,
    change === 'grant'
      ? [
          ['Grant my-role permission to update all stages', 'kargo grant -p my-project --role=my-role --verb=update --resource-type=stages'],
          [
            'Grant my-role permission to promote to stage dev',
            'kargo grant -p my-project --role=my-role --verb=promote --resource-type=stages --resource-name=dev',
          ],
          ['Grant my-role to users with specific claims', 'kargo grant -p my-project --role=my-role --claim=email=alice@example.com --claim=groups=admins'],
        ]
      : [
          ['Revoke all permissions on stages from my-role', "kargo revoke -p my-project --role=my-role --verb='*' --resource-type=stages"],
          ['Revoke my-role from a user', 'kargo revoke -p my-project --role=my-role --claim=email=alice@example.com'],
        ],
  );
}

export const grantCommand = (ctx: CliContext): Command => grantOrRevoke(ctx, 'grant');
export const revokeCommand = (ctx: CliContext): Command => grantOrRevoke(ctx, 'revoke');
