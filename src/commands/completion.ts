// `kargo completion bash|zsh|fish` prints a completion script generated from the
// command tree; the hidden `kargo __complete SOURCE` answers the scripts' questions
// about cluster values, quickly and silently (empty on any failure).

import { Command } from 'commander';
import { Failure } from '../runtime/failure.js';
import { bashCompletion, zshCompletion } from '../cli/completion-bash.js';
import { fishCompletion } from '../cli/completion-fish.js';
import { DYNAMIC_SOURCES, type DynamicSource } from '../usecases/complete-values.js';
import { completionModel } from '../cli/completion-model.js';
import type { CliContext } from '../cli/context.js';
import { withExamples } from '../cli/help.js';
import { openSession } from '../cli/session.js';
import { completionValues } from '../usecases/complete-values.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** A shell waits for these values while the user holds TAB: give up quickly. */
const DYNAMIC_TIMEOUT_MS = 2000;

export function completionCommand(ctx: CliContext): Command {
  const command = new Command('completion')
    .description('Print a shell completion script (bash, zsh or fish)')
    .argument('<shell>', `one of ${SHELLS.join(', ')}`)
    .action((shell: string, _flags: unknown, self: Command) => {
      if (!isShell(shell)) throw new Failure('usage', `unsupported shell "${shell}"`, `Use one of: ${SHELLS.join(', ')}.`);
      const root = self.parent;
      if (!root) throw new Error('completion must be a subcommand of kargo');
      ctx.io.stdout.write(completionScript(shell, root));
    });
  return withExamples(command, [
    ['bash, current shell', 'source <(kargo completion bash)'],
    ['bash, every shell', 'kargo completion bash > ~/.local/share/bash-completion/completions/kargo'],
    ['zsh, in ~/.zshrc', 'source <(kargo completion zsh)'],
    ['fish', 'kargo completion fish > ~/.config/fish/completions/kargo.fish'],
  ]);
}

function completionScript(shell: Shell, root: Command): string {
  const model = completionModel(root);
  switch (shell) {
    case 'bash':
      return bashCompletion(model);
    case 'zsh':
      return zshCompletion(model);
    case 'fish':
      return fishCompletion(model);
  }
}

function isShell(value: string): value is Shell {
  return (SHELLS as readonly string[]).includes(value);
}

export function hiddenCompleteCommand(ctx: CliContext): Command {
  return new Command('__complete')
    .description('print completion candidates from the cluster (used by the completion scripts)')
    .argument('<source>', DYNAMIC_SOURCES.join('|'))
    .action(async (source: string, _flags: unknown, self: Command) => {
      if (!(DYNAMIC_SOURCES as readonly string[]).includes(source)) return;
      const session = openSession(ctx, self);
      const lookup = (async () => {
        const client = await session.client();
        const project = source === 'projects' ? undefined : await session.project();
        return completionValues(client, source as DynamicSource, project);
      })();
      const values = await withDeadline(lookup, DYNAMIC_TIMEOUT_MS).catch(() => []);
      if (values.length > 0) ctx.io.stdout.write(`${values.join('\n')}\n`);
    });
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('completion timed out')), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
