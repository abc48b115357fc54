// The credentials, ConfigMap and role subcommands of `get`, `create`, `update` and
// `delete`, by verb. The command catalog (src/command-catalog.ts) adds them to
// whichever of those commands a run loads.

import type { Command } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { createConfigMapCommand, createGenericCredentialsCommand, updateConfigMapCommand, updateGenericCredentialsCommand } from './key-value-write.js';
import { createRepoCredentialsCommand, updateRepoCredentialsCommand } from './repo-credentials-write.js';
import { scopedDeleteCommand } from './scoped-delete.js';
import { scopedGetCommand } from './scoped-get.js';
import { CONFIGMAPS, GENERIC_CREDENTIALS, REPO_CREDENTIALS } from './scoped-kinds.js';
import { createRoleCommand, deleteRoleCommand, getRolesCommand } from '../roles/role-commands.js';
import { createTokenCommand, deleteTokenCommand, getTokensCommand } from '../roles/token-commands.js';

export const CREDENTIAL_SUBCOMMANDS: Readonly<Record<string, (ctx: CliContext) => Command[]>> = {
  get: (ctx) => [
    ...[REPO_CREDENTIALS, GENERIC_CREDENTIALS, CONFIGMAPS].map((kind) => scopedGetCommand(ctx, kind)),
    getRolesCommand(ctx),
    getTokensCommand(ctx),
  ],
  create: (ctx) => [
    createRepoCredentialsCommand(ctx),
    createGenericCredentialsCommand(ctx),
    createConfigMapCommand(ctx),
    createRoleCommand(ctx),
    createTokenCommand(ctx),
  ],
  update: (ctx) => [updateRepoCredentialsCommand(ctx), updateGenericCredentialsCommand(ctx), updateConfigMapCommand(ctx)],
  delete: (ctx) => [
    scopedDeleteCommand(ctx, REPO_CREDENTIALS),
    scopedDeleteCommand(ctx, GENERIC_CREDENTIALS),
    scopedDeleteCommand(ctx, CONFIGMAPS, 'configmap', ['configmaps', 'cm']),
    deleteRoleCommand(ctx),
    deleteTokenCommand(ctx),
  ],
};
