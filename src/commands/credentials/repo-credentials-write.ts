// `kargo create repo-credentials` and `kargo update repo-credentials`, with Kargo
// CLI's flags: --git|--helm|--image (or --type), --repo-url [--regex],
// --username, --password, --description, --shared. Prints the redacted Secret.

import { completeArguments } from '../../cli/completion-hints.js';
import { Command, Option } from 'commander';
import type { CliContext } from '../../cli/context.js';
import { withExamples } from '../../cli/help.js';
import { refuseParentFlags } from './parent-flags.js';
import { addTemplateOptions, outputSpecOf, type TemplateFlags } from '../../cli/output-options.js';
import { openSession } from '../../cli/session.js';
import { formatWritten, SECRET_TYPE } from '../../output/scoped-objects.js';
import { fail } from '../../runtime/failure.js';
import { createRepoCredentials, REPO_CREDENTIAL_TYPES, type RepoCredentialType, updateRepoCredentials } from '../../usecases/credentials/repo-credentials.js';
import { passwordFrom } from './password-input.js';
import { addScopeOptions, type ScopeFlags, scopeOf } from './scope-flags.js';
import { REPO_CREDENTIALS } from './scoped-kinds.js';

interface RepoFlags extends ScopeFlags {
  git?: boolean;
  helm?: boolean;
  image?: boolean;
  type?: RepoCredentialType;
  repoUrl?: string;
  regex?: boolean;
  username?: string;
  password?: string;
  description?: string;
}

function repoCommand(verb: 'create' | 'update'): Command {
  const change = verb === 'update' ? 'Change the credentials to be for' : 'Credentials for';
  const command = new Command(REPO_CREDENTIALS.name)
    .aliases(REPO_CREDENTIALS.aliases)
    .argument('<name>', 'the credentials')
    .option('--git', `${change} a Git repository`)
    .option('--helm', `${change} a Helm chart repository`)
    .option('--image', `${change} a container image repository`)
    .addOption(new Option('--type <type>', 'type of repository the credentials are for').choices(REPO_CREDENTIAL_TYPES))
    .option('--repo-url <url>', 'URL of the repository the credentials are for')
    .option('--regex', 'the value of --repo-url is a regular expression', false)
    .option('--username <username>', 'username for the credentials')
    .option('--password <password>', verb === 'create' ? 'password for the credentials (default: the first line of stdin)' : 'new password')
    .option('--description <text>', 'description of the credentials');
  if (verb === 'update') completeArguments(command, { source: 'repo-credentials' });
  return addScopeOptions(command, verb, 'credentials', false);
}

function typeOf(flags: RepoFlags): RepoCredentialType | undefined {
  const chosen = (['git', 'helm', 'image'] as const).filter((type) => flags[type]);
  if (chosen.length + (flags.type ? 1 : 0) > 1) fail('usage', 'give only one of --git, --helm, --image and --type');
  return chosen[0] ?? flags.type;
}

export function createRepoCredentialsCommand(ctx: CliContext): Command {
  const command = repoCommand('create')
    .description('Create credentials for accessing a repository (a Secret labelled as Kargo keeps them)')
    .action(async (name: string, flags: RepoFlags & TemplateFlags, self: Command) => {
      refuseParentFlags(self);
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const type = typeOf(flags);
      const missing = [type ? '' : 'one of --git, --helm, --image', flags.repoUrl ? '' : '--repo-url', flags.username ? '' : '--username'].filter(Boolean);
      if (missing.length > 0 || !type) fail('usage', `missing ${missing.join(', ')}`, 'See `kargo create repo-credentials --help`.');
      const scope = await scopeOf(session, flags);
      const password = await passwordFrom(ctx, flags.password);
      const client = await session.client();
      const secret = await createRepoCredentials(client, scope, {
        name,
        type,
        repoURL: flags.repoUrl ?? '',
        regex: flags.regex ?? false,
        username: flags.username ?? '',
        password,
        ...(flags.description ? { description: flags.description } : {}),
      });
      ctx.io.stdout.write(await formatWritten(SECRET_TYPE, secret, 'created', spec));
    });
  addTemplateOptions(command);
  return withExamples(command, [
    [
      'Credentials for a Git repository',
      'kargo create repo-credentials -p my-project my-creds --git --repo-url=https://github.com/my-org/my-repo.git --username=me --password=token',
    ],
    [
      'The password from a file, never on the command line',
      'kargo create repo-credentials my-creds --image --repo-url=ghcr.io/my-org/my-image --username=me < password.txt',
    ],
    [
      'Shared credentials for every GitHub repository',
      "kargo create repo-credentials --shared github --git --repo-url='^https://github\\.com/.*$' --regex --username=me --password=token",
    ],
  ]);
}

export function updateRepoCredentialsCommand(ctx: CliContext): Command {
  const command = repoCommand('update')
    .description('Change repository credentials: only the fields given change')
    .action(async (name: string, flags: RepoFlags & TemplateFlags, self: Command) => {
      refuseParentFlags(self);
      const session = openSession(ctx, self);
      const spec = await outputSpecOf(session.options, flags);
      const type = typeOf(flags);
      if (flags.regex && !flags.repoUrl) fail('usage', '--regex is only allowed when --repo-url is set');
      if (!flags.description && !type && !flags.repoUrl && !flags.username && !flags.password) {
        fail('usage', 'at least one of --description, --git, --helm, --image, --type, --repo-url, --username, or --password must be provided');
      }
      const scope = await scopeOf(session, flags);
      const client = await session.client();
      const secret = await updateRepoCredentials(client, scope, name, {
        regex: flags.regex ?? false,
        ...(flags.description ? { description: flags.description } : {}),
        ...(type ? { type } : {}),
        ...(flags.repoUrl ? { repoURL: flags.repoUrl } : {}),
        ...(flags.username ? { username: flags.username } : {}),
        ...(flags.password ? { password: flags.password } : {}),
      });
      ctx.io.stdout.write(await formatWritten(SECRET_TYPE, secret, '', spec));
    });
  addTemplateOptions(command);
  return withExamples(command, [
    ['Change the password', 'kargo update repo-credentials -p my-project my-creds --password=new-token'],
    ['Point shared credentials at another repository', 'kargo update repo-credentials --shared my-creds --repo-url=https://github.com/my-org/other.git'],
  ]);
}
