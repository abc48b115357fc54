// `kargo get roles`, `kargo create role` and `kargo delete role`: Kargo roles
// of a project (or Kargo's system roles with --system), kept as Kargo keeps them.

import { completeArguments } from '../../cli/completion-hints.js';
import { Command } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';
import { refuseParentFlags } from '../credentials/parent-flags.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../../cli/output-options.js';
import { openSession } from '../../cli/session.js';
import { KARGO_NAMESPACE } from '../../model/resource-namespaces.js';
import { formatListing, formatWritten } from '../../output/scoped-objects.js';
import { KARGO_ROLE_TYPE, ROLE_RESOURCES_TYPE, roleResourcesObject, roleResourcesTable, roleTable } from '../../output/tables/role-tables.js';
import { fail } from '../../runtime/failure.js';
import { toKargoRole } from '../../rules/kargo-roles.js';
import { createRole, deleteRole, listRoleResources, readRoleResources, type RoleScope } from '../../usecases/roles/roles.js';
import { raiseFailures } from '../credentials/name-failures.js';
import { collectList, parseClaims } from './role-flags.js';

interface GetRolesFlags {
  system?: boolean;
  asKubernetesResources?: boolean;
}

export function getRolesCommand(ctx: CliContext): Command {
  const command = new Command('roles')
    .alias('role')
    .description('Display one or many roles')
    .argument('[names...]', 'only these roles')
    .option('--system', "Kargo's system roles (namespace kargo) instead of a project's")
    .option('-k, --as-kubernetes-resources', 'show the ServiceAccount, RoleBindings and Roles each role is made of')
    .action(async (names: string[], flags: GetRolesFlags & TemplateFlags, self: Command) => {
      refuseParentFlags(self);
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      if (flags.system && session.options.project) fail('usage', '--project and --system cannot be combined');
      const scope: RoleScope = flags.system ? { kind: 'system', namespace: KARGO_NAMESPACE } : { kind: 'project', namespace: await session.project() };
      const client = await session.client();
      const unique = [...new Set(names)];
      const found = [];
      const failures: unknown[] = [];
      if (unique.length === 0) found.push(...(await listRoleResources(client, scope)));
      for (const name of unique) {
        try {
          found.push(await readRoleResources(client, scope, name));
        } catch (error) {
          failures.push(error);
        }
      }
      const options = { headers: session.options.headers, single: unique.length === 1 };
      const now = ctx.clock.now();
      ctx.io.stdout.write(
        flags.asKubernetesResources
          ? await formatListing(ROLE_RESOURCES_TYPE, found.map(roleResourcesObject), spec, options, (objects) => roleResourcesTable(objects, now))
          : await formatListing(KARGO_ROLE_TYPE, found.map(toKargoRole), spec, options, (roles) => roleTable(roles, now)),
      );
      if (found.length === 0 && unique.length === 0 && !spec) ctx.io.stderr.write(`No roles found in namespace "${scope.namespace}".\n`);
      raiseFailures(ctx, failures);
    });
  addTemplateOptions(command);
  completeArguments(command, { source: 'roles' });
  return withExamples(command, [
    ['Roles of a project', 'kargo get roles -p my-project'],
    ['One role with its rules and claims', 'kargo get role -p my-project my-role -o yaml'],
    ['The Kubernetes objects behind each role', 'kargo get roles -p my-project --as-kubernetes-resources'],
  ]);
}

export function createRoleCommand(ctx: CliContext): Command {
  const command = new Command('role')
    .description('Create a role (a Kargo-managed ServiceAccount, Role and RoleBinding), optionally mapped to OIDC claims')
    .argument('<name>', 'the role')
    .option('--claim <name=value>', 'a claim name and value to map to the role (repeatable)', collectList)
    .option('--description <text>', 'description of the role')
    .action(async (name: string, flags: { claim?: string[]; description?: string } & TemplateFlags, self: Command) => {
      refuseParentFlags(self);
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const claims = parseClaims(flags.claim ?? []);
      const { client, project } = await session.target();
      const role = await createRole(client, project, name, claims, flags.description);
      ctx.io.stdout.write(await formatWritten(KARGO_ROLE_TYPE, role, 'created', spec));
    });
  addTemplateOptions(command);
  return withExamples(command, [
    ['A role with no permissions yet', 'kargo create role -p my-project my-role'],
    ['A role for everyone in a group', 'kargo create role -p my-project developers --claim groups=devs'],
  ]);
}

export function deleteRoleCommand(ctx: CliContext): Command {
  const command = new Command('role')
    .description('Delete role by name (only roles Kargo manages)')
    .argument('<names...>', 'the roles')
    .action(async (names: string[], flags: TemplateFlags, self: Command) => {
      refuseParentFlags(self);
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const { client, project } = await session.target();
      const failures: unknown[] = [];
      for (const name of [...new Set(names)]) {
        try {
          await deleteRole(client, project, name);
          ctx.io.stdout.write(await formatWritten(KARGO_ROLE_TYPE, { metadata: { name, namespace: project } }, 'deleted', spec));
        } catch (error) {
          failures.push(error);
        }
      }
      raiseFailures(ctx, failures);
    });
  addTemplateOptions(command);
  completeArguments(command, { source: 'roles' });
  return withExamples(command, [['Delete a role', 'kargo delete role -p my-project my-role']]);
}
