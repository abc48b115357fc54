// `kargo config set-project | get-project | view`: kargo's own settings file.

import { Command } from 'commander';
import { Failure } from '../runtime/failure.js';
import type { CliContext } from '../cli/context.js';
import { completeArguments } from '../cli/completion-hints.js';
import { withExamples } from '../cli/help.js';
import { globalOptionsOf } from '../cli/global-options.js';
import { readUserConfig, writeUserConfig } from '../cli/user-config.js';
import { formatDocument } from '../output/objects.js';

const PROJECT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function configCommand(ctx: CliContext): Command {
  const command = new Command('config').description("Read and change kargo's settings ($XDG_CONFIG_HOME/kargo/config.yaml)");

  const setProject = new Command('set-project')
    .description('Set the project used when -p and KARGO_PROJECT are not given ("" clears it)')
    .argument('<name>', 'project name, or "" to clear the default')
    .action(async (name: string) => {
      if (name === '') {
        const { project: _cleared, ...rest } = await readUserConfig(ctx.env);
        const path = await writeUserConfig(ctx.env, rest);
        ctx.io.stderr.write(`Default project cleared (${path}).\n`);
        return;
      }
      if (!PROJECT_NAME.test(name)) {
        throw new Failure('usage', `"${name}" is not a valid project name`, 'A project name is a DNS label: lower-case letters, digits and "-".');
      }
      const config = await readUserConfig(ctx.env);
      const path = await writeUserConfig(ctx.env, { ...config, project: name });
      ctx.io.stderr.write(`Default project set to "${name}" (${path}).\n`);
    });

  const getProject = new Command('get-project').description('Print the default project set with `kargo config set-project`').action(async () => {
    const { project } = await readUserConfig(ctx.env);
    if (!project) {
      throw new Failure('not-found', 'no default project is set', 'Set one with `kargo config set-project NAME`.');
    }
    ctx.io.stdout.write(`${project}\n`);
  });

  const view = new Command('view')
    .description('Print the settings file (YAML, or JSON with -o json)')
    // Kargo's CLI masks its stored token unless --raw; kargo's settings hold no secret, so there is nothing to unmask.
    .option('--raw', 'accepted for Kargo CLI compatibility: the settings hold no sensitive data to mask')
    .action(async (_options: unknown, self: Command) => {
      const format = globalOptionsOf(self).output === 'json' ? 'json' : 'yaml';
      ctx.io.stdout.write(await formatDocument(await readUserConfig(ctx.env), format));
    });

  completeArguments(setProject, { source: 'projects' });
  command.addCommand(
    withExamples(setProject, [
      ['Work in my-web-app by default', 'kargo config set-project my-web-app'],
      ['Clear the default project', 'kargo config set-project ""'],
    ]),
  );
  command.addCommand(withExamples(getProject, [['Show the default project', 'kargo config get-project']]));
  command.addCommand(
    withExamples(view, [
      ['Show all settings', 'kargo config view'],
      ["The same as JSON (--raw is accepted, as by Kargo's CLI)", 'kargo config view --raw -o json'],
    ]),
  );
  return withExamples(command, [
    ['Set the default project', 'kargo config set-project my-web-app'],
    ['Show the settings', 'kargo config view'],
  ]);
}
