// Every name a user passes, checked against Kubernetes naming rules before any
// request: flags that name objects (--stage, --freight, …), the project, and
// positional arguments that name objects. A bad name is a usage error (exit 2);
// an empty one would otherwise address a whole collection.

import type { Command } from 'commander';
import { nameProblem, type NameRule } from '../rules/kubernetes-names.js';
import { fail } from '../runtime/failure.js';

/** commander's attribute name → flag and rule. */
const OPTION_RULES: Record<string, [flag: string, rule: NameRule]> = {
  project: ['-p/--project', 'project'],
  stage: ['--stage', 'object'],
  freight: ['--freight', 'object-or-alias'],
  freightAlias: ['--freight-alias', 'alias'],
  warehouse: ['--warehouse', 'object'],
  name: ['--name', 'object'],
  downstreamFrom: ['--downstream-from', 'object'],
  alias: ['--alias', 'alias'],
};

/** Positional arguments by their declared name: rule, and how to call the value after the argument's description. */
const ARGUMENT_RULES: Record<string, [rule: NameRule, label: (description: string) => string]> = {
  name: ['object', (description) => `${description || 'the'} name`],
  'name-or-alias': ['object-or-alias', (description) => `${description || 'the'} name or alias`],
  names: ['object-or-alias', () => 'the name'],
};

export function checkNames(command: Command): void {
  const options = command.optsWithGlobals<Record<string, unknown>>();
  for (const [key, [flag, rule]] of Object.entries(OPTION_RULES)) {
    const value = options[key];
    if (typeof value === 'string') check(value, rule, flag);
  }
  command.registeredArguments.forEach((argument, index) => {
    const known = ARGUMENT_RULES[argument.name()];
    if (!known) return;
    const [rule, labelOf] = known;
    const value: unknown = command.processedArgs[index];
    const label = labelOf(argument.description);
    for (const name of Array.isArray(value) ? value : [value]) if (typeof name === 'string') check(name, rule, label);
  });
}

function check(value: string, rule: NameRule, label: string): void {
  const problem = nameProblem(value, rule);
  if (!problem) return;
  fail('usage', value === '' ? `${label} ${problem}.` : `${label} "${value}" ${problem}.`);
}
