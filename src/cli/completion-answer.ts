// Turns a completion query into cobra's answer: the matching candidates and a
// directive telling the shell what else to do (kubectl reads this protocol).

import type { CompletionQuery } from './completion-engine.js';
import type { CompletionSource } from './completion-hints.js';

/** cobra's ShellCompDirective bits kargo uses. */
export const Directive = { Default: 0, NoFileComp: 4, FilterDirs: 16 } as const;

export interface CompletionAnswer {
  values: string[];
  directive: number;
}

export async function candidatesFor(query: CompletionQuery, lookup: (source: CompletionSource) => Promise<string[]>): Promise<CompletionAnswer> {
  const hint = query.hint;
  if (hint && 'paths' in hint) return { values: [], directive: hint.paths === 'files' ? Directive.Default : Directive.FilterDirs };
  let values: string[] = [];
  if (hint && 'values' in hint) values = hint.values;
  else if (hint && 'source' in hint) values = await lookup(hint.source);
  else if (hint && 'namesOfKind' in hint) {
    const source = query.firstArg !== undefined ? hint.namesOfKind[query.firstArg] : undefined;
    if (source) values = await lookup(source);
  }
  const matching = values.filter((value) => value.startsWith(query.current)).map((value) => `${query.prefix}${value}`);
  return { values: matching, directive: Directive.NoFileComp };
}
