// `kargo get`'s own flags and what they may be combined with.

import type { TemplateFlags } from '../../cli/output-options.js';
import { resources, type ResourceType } from '../../kube/resources.js';
import { nameProblem } from '../../rules/kubernetes-names.js';
import { Failure } from '../../runtime/failure.js';
import type { FreightFilter } from '../../usecases/get.js';

export interface GetFlags extends TemplateFlags {
  selector?: string;
  fieldSelector?: string;
  allProjects?: boolean;
  sortBy?: string;
  showLabels?: boolean;
  watch?: boolean;
  stage?: string;
  warehouse?: string[];
  image?: string;
  commit?: string;
  /** Kargo CLI's `get freight --name N --alias A` (repeatable), beside positional names. */
  name?: string[];
  alias?: string[];
}

export function checkFlags(type: ResourceType, names: string[], flags: GetFlags): void {
  if (flags.allProjects && names.length > 0)
    throw new Failure('usage', 'an object cannot be retrieved by name across all projects', 'Drop -A and name the project with -p.');
  if (flags.allProjects && flags.stage !== undefined)
    throw new Failure('usage', '--stage cannot be combined with -A: a Stage belongs to one project', 'Name the project with -p.');
  if (flags.watch && type === resources.freight && flags.stage !== undefined) throw new Failure('usage', '--watch cannot be combined with get freight --stage');
  if (flags.watch && flags.sortBy !== undefined)
    throw new Failure('usage', '--sort-by cannot be combined with --watch', 'kubectl neither sorts what --watch prints.');
  const freightOnly = (['warehouse', 'image', 'commit', 'name', 'alias'] as const).filter((flag) => flags[flag] !== undefined);
  for (const value of [...(flags.name ?? []), ...(flags.alias ?? [])]) {
    const problem = nameProblem(value, 'object-or-alias');
    if (problem) throw new Failure('usage', `the Freight name or alias "${value}" ${problem}.`);
  }
  if (type !== resources.freight && freightOnly.length > 0) {
    throw new Failure('usage', `--${freightOnly[0]} only applies to \`kargo get freight\``);
  }
  if (flags.stage !== undefined && type !== resources.freight && type !== resources.promotion) {
    throw new Failure('usage', '--stage only applies to `kargo get freight` and `kargo get promotions`');
  }
  if (flags.commit !== undefined && flags.commit.length < 7) {
    throw new Failure('usage', `--commit "${flags.commit}" is too short`, 'Give at least 7 characters of the SHA.');
  }
}

export function freightFilterOf(flags: GetFlags): FreightFilter | undefined {
  if (!flags.warehouse && !flags.image && !flags.commit) return undefined;
  return {
    ...(flags.warehouse ? { warehouse: flags.warehouse } : {}),
    ...(flags.image ? { image: flags.image } : {}),
    ...(flags.commit ? { commit: flags.commit } : {}),
  };
}
