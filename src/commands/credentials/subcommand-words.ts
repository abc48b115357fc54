// The words that name a subcommand of get|create|update|delete: credentials,
// ConfigMaps, roles and tokens, with their aliases. The command catalog loads
// those subcommands only for a run that names one (or asks for help), so
// `kargo get stages` does not load them; test/cli/command-catalog.test.ts holds
// this list to the subcommands' own names and aliases.

/** The aliases of `repo-credentials` and `generic-credentials`, as Kargo's CLI spells them. */
export const credentialAliases = (stem: string): string[] =>
  ['-credential', '-creds', '-cred', 'credentials', 'credential', 'creds', 'cred'].map((suffix) => `${stem}${suffix}`);

const credentialWords = (stem: string): string[] => [`${stem}-credentials`, ...credentialAliases(stem)];

export const KIND_SUBCOMMAND_WORDS: ReadonlySet<string> = new Set([
  ...credentialWords('repo'),
  ...credentialWords('generic'),
  ...['configmaps', 'configmap', 'cm'],
  ...['roles', 'role', 'tokens', 'token'],
]);
