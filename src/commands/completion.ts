// `kargo completion bash|zsh|fish|powershell` prints a completion script generated
// from the command tree. Two hidden commands answer the scripts' questions:
// `kargo __complete SOURCE` prints values from the cluster or kubeconfig (bash,
// zsh, fish), and `kargo __complete-line -- WORDS` completes a whole command line
// in cobra's protocol (PowerShell, and kubectl through kubectl_complete-kargo).
// Both are quick and silent: nothing on any failure or after the deadline.

import { Command } from 'commander';
import { bashCompletion, zshCompletion } from '../cli/completion-bash.js';
import { readCompletionLine } from '../cli/completion-engine.js';
import { fishCompletion } from '../cli/completion-fish.js';
import { completeArguments, type CompletionSource } from '../cli/completion-hints.js';
import { lookupCandidates } from '../cli/completion-lookup.js';
import { completionModel } from '../cli/completion-model.js';
import { powershellCompletion } from '../cli/completion-powershell.js';
import type { CliContext } from '../cli/context.js';
import { globalOptionsOf } from '../cli/global-options.js';
import { withExamples } from '../cli/help.js';
import { Failure } from '../runtime/failure.js';
import { DYNAMIC_SOURCES } from '../usecases/complete-values.js';
import { candidatesFor } from '../cli/completion-answer.js';

const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];
const SOURCES: readonly CompletionSource[] = [...DYNAMIC_SOURCES, 'contexts'];

export function completionCommand(ctx: CliContext): Command {
  const command = new Command('completion')
    .description('Print a shell completion script (bash, zsh, fish or powershell)')
    .argument('<shell>', `one of ${SHELLS.join(', ')}`)
    .action((shell: string, _flags: unknown, self: Command) => {
      if (!isShell(shell)) throw new Failure('usage', `unsupported shell "${shell}"`, `Use one of: ${SHELLS.join(', ')}.`);
      const root = self.parent;
      if (!root) throw new Error('completion must be a subcommand of kargo');
      ctx.io.stdout.write(completionScript(shell, root));
    });
  completeArguments(command, { values: [...SHELLS] });
  return withExamples(command, [
    ['bash, current shell', 'source <(kargo completion bash)'],
    ['bash, every shell', 'kargo completion bash > ~/.local/share/bash-completion/completions/kargo'],
    ['zsh, in ~/.zshrc', 'source <(kargo completion zsh)'],
    ['fish', 'kargo completion fish > ~/.config/fish/completions/kargo.fish'],
    ['PowerShell, in $PROFILE', 'kargo completion powershell | Out-String | Invoke-Expression'],
  ]);
}

function completionScript(shell: Shell, root: Command): string {
  switch (shell) {
    case 'bash':
      return bashCompletion(completionModel(root));
    case 'zsh':
      return zshCompletion(completionModel(root));
    case 'fish':
      return fishCompletion(completionModel(root));
    case 'powershell':
      return powershellCompletion();
  }
}

function isShell(value: string): value is Shell {
  return (SHELLS as readonly string[]).includes(value);
}

export function hiddenCompleteCommand(ctx: CliContext): Command {
  return new Command('__complete')
    .description('print completion candidates from the cluster (used by the completion scripts)')
    .argument('<source>', SOURCES.join('|'))
    .action(async (source: string, _flags: unknown, self: Command) => {
      if (!(SOURCES as readonly string[]).includes(source)) return;
      const options = globalOptionsOf(self);
      const values = await lookupCandidates(ctx, source as CompletionSource, {
        ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
        ...(options.context ? { context: options.context } : {}),
        ...(options.project ? { project: options.project } : {}),
      });
      if (values.length > 0) ctx.io.stdout.write(`${values.join('\n')}\n`);
    });
}

export function hiddenCompleteLineCommand(ctx: CliContext): Command {
  return new Command('__complete-line')
    .description('complete a command line: candidates, then :directive (PowerShell, kubectl_complete-kargo)')
    .argument('[words...]', 'the words after kargo, the last one being completed')
    .helpOption(false)
    .action(async (words: string[], _flags: unknown, self: Command) => {
      const root = self.parent;
      if (!root) throw new Error('__complete-line must be a subcommand of kargo');
      const query = readCompletionLine(completionModel(root), words.length > 0 ? words : ['']);
      const answer = await candidatesFor(query, (source) => lookupCandidates(ctx, source, query.target));
      ctx.io.stdout.write([...answer.values, `:${answer.directive}`, ''].join('\n'));
    });
}
