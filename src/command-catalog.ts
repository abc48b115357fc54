// The top-level commands as the root help lists them, with where each is
// implemented. Only the command a run names is loaded (`kargo --help` loads
// none), which keeps start-up near Node's own: a command's module pulls in its
// use cases, printers and rules. test/cli/command-catalog.test.ts holds these
// terms and summaries to the commands' own.

import type { Command } from 'commander';
import type { CliContext } from './cli/context.js';
import { KIND_SUBCOMMAND_WORDS } from './commands/credentials/subcommand-words.js';

export type CommandBuilder = (ctx: CliContext) => Command;

export interface CatalogEntry {
  name: string;
  /** How the root help lists it, e.g. `get [options] <kind> [names...]`. */
  term: string;
  summary: string;
  hidden?: boolean;
  /** It reads the whole command tree (the completion scripts), so every command is loaded with it. */
  wholeTree?: boolean;
  /** Loads the command; `argv` (the run's words) lets it leave out subcommands the run does not name, none meaning all. */
  load(argv?: readonly string[]): Promise<CommandBuilder>;
}

export const COMMAND_CATALOG: readonly CatalogEntry[] = withKindSubcommands([
  {
    name: 'promote',
    term: 'promote [options]',
    summary: 'Promote Freight to a Stage (or to every Stage downstream of one), after the checks Kargo itself would make',
    load: async () => (await import('./commands/promote.js')).promoteCommand,
  },
  {
    name: 'approve',
    term: 'approve [options]',
    summary: 'Approve Freight for a Stage: it may then be promoted there without upstream verification or soak',
    load: async () => (await import('./commands/approve.js')).approveCommand,
  },
  { name: 'verify', term: 'verify', summary: 'Verification of Stages', load: async () => (await import('./commands/verify.js')).verifyCommand },
  {
    name: 'rollback',
    term: 'rollback [options]',
    summary: 'Return a Stage to its previous verified freight, by promoting it again (marked as a rollback)',
    load: async () => (await import('./commands/rollback.js')).rollbackCommand,
  },
  { name: 'abort', term: 'abort', summary: 'Abort a Promotion', load: async () => (await import('./commands/abort.js')).abortCommand },
  {
    name: 'refresh',
    term: 'refresh',
    summary: 'Ask Kargo to reconcile a Warehouse, Stage, ProjectConfig or the ClusterConfig now',
    load: async () => (await import('./commands/refresh.js')).refreshCommand,
  },
  { name: 'update', term: 'update', summary: 'Change Kargo objects', load: async () => (await import('./commands/update.js')).updateCommand },
  {
    name: 'apply',
    term: 'apply [options]',
    summary: 'Apply a resource from a file or from stdin (create it, or replace it if it exists)',
    load: async () => (await import('./commands/apply.js')).applyCommand,
  },
  {
    name: 'create',
    term: 'create [options]',
    summary: 'Create a resource from a file or from stdin',
    load: async () => (await import('./commands/create.js')).createCommand,
  },
  {
    name: 'delete',
    term: 'delete [options]',
    summary: 'Delete resources by file and names',
    load: async () => (await import('./commands/delete.js')).deleteCommand,
  },
  {
    name: 'get',
    term: 'get [options] <kind> [names...]',
    summary:
      'Show Kargo objects as a table or as data (projects, projectconfigs, clusterconfigs, warehouses, freight, stages, promotions, promotiontasks, clusterpromotiontasks, analysisruns, pipeline)',
    load: async () => (await import('./commands/get.js')).getCommand,
  },
  {
    name: 'status',
    term: 'status',
    summary: "Draw the project's pipeline: warehouses to stages, with each stage's freight, health, verification and soak",
    load: async () => (await import('./commands/status.js')).statusCommand,
  },
  {
    name: 'config',
    term: 'config',
    summary: "Read and change kargo's settings ($XDG_CONFIG_HOME/kargo/config.yaml)",
    load: async () => (await import('./commands/config.js')).configCommand,
  },
  {
    name: 'dashboard',
    term: 'dashboard [options]',
    summary: "Open the Kargo Dashboard in your default browser (its address is read from the cluster's kargo-api Ingress or Service)",
    load: async () => (await import('./commands/dashboard.js')).dashboardCommand,
  },
  {
    name: 'logs',
    term: 'logs [options] <name>',
    summary: 'View logs of AnalysisRuns (verifications) that utilize JobMetrics, from their Job pods',
    load: async () => (await import('./commands/logs.js')).logsCommand,
  },
  {
    name: 'grant',
    term: 'grant [options]',
    summary: 'Grant a role to a user or grant permissions to a role',
    load: async () => (await import('./commands/roles/grant-revoke.js')).grantCommand,
  },
  {
    name: 'revoke',
    term: 'revoke [options]',
    summary: 'Revoke a role from a user or revoke permissions from a role',
    load: async () => (await import('./commands/roles/grant-revoke.js')).revokeCommand,
  },
  {
    name: 'version',
    term: 'version [options]',
    summary: 'Print the client version and what the cluster serves',
    load: async () => (await import('./commands/version.js')).versionCommand,
  },
  {
    name: 'sandbox',
    term: 'sandbox',
    summary: 'Run a local Kubernetes-compatible API server with Kargo kinds (no cluster needed)',
    load: async () => (await import('./commands/sandbox.js')).sandboxCommand,
  },
  {
    name: 'controller',
    term: 'controller',
    summary: 'Run the embedded Kargo controller against a cluster where Kargo is not installed',
    load: async () => (await import('./commands/controller.js')).controllerCommand,
  },
  {
    name: 'completion',
    term: 'completion <shell>',
    summary: 'Print a shell completion script (bash, zsh, fish or powershell)',
    wholeTree: true,
    load: async () => (await import('./commands/completion.js')).completionCommand,
  },
  {
    name: '__complete',
    term: '__complete <source>',
    summary: 'print completion candidates from the cluster (used by the completion scripts)',
    hidden: true,
    load: async () => (await import('./commands/completion.js')).hiddenCompleteCommand,
  },
  {
    name: '__complete-line',
    term: '__complete-line [words...]',
    summary: 'complete a command line: candidates, then :directive (PowerShell, kubectl_complete-kargo)',
    hidden: true,
    wholeTree: true,
    load: async () => (await import('./commands/completion.js')).hiddenCompleteLineCommand,
  },
  {
    name: 'login',
    term: 'login [args...]',
    summary: "Not needed: kargo uses your kubeconfig (Kargo's CLI logs in to a Kargo API server)",
    load: async () => (await import('./commands/kubeconfig-only.js')).loginCommand,
  },
  {
    name: 'logout',
    term: 'logout [args...]',
    summary: 'Not needed: kargo uses your kubeconfig and keeps no Kargo API session',
    load: async () => (await import('./commands/kubeconfig-only.js')).logoutCommand,
  },
  {
    name: 'server',
    term: 'server [args...]',
    summary: 'Not available: kargo talks to the Kubernetes API, not to a Kargo API server (see kargo sandbox)',
    load: async () => (await import('./commands/kubeconfig-only.js')).serverCommand,
  },
]);

/**
 * `get|create|update|delete` gain their repo-credentials, generic-credentials,
 * configmap(s), role and token subcommands from src/commands/credentials/, loaded
 * with the command when the run names one of them or asks for help.
 */
function withKindSubcommands(entries: CatalogEntry[]): CatalogEntry[] {
  return entries.map((entry) => {
    if (!['get', 'create', 'update', 'delete'].includes(entry.name)) return entry;
    const loadBase = entry.load;
    return {
      ...entry,
      async load(argv) {
        if (argv && !argv.some((word) => KIND_SUBCOMMAND_WORDS.has(word) || word === '--help' || word === '-h')) return loadBase();
        const [build, { CREDENTIAL_SUBCOMMANDS }] = await Promise.all([loadBase(), import('./commands/credentials/subcommands.js')]);
        return (ctx) => {
          const command = build(ctx);
          for (const subcommand of CREDENTIAL_SUBCOMMANDS[entry.name]?.(ctx) ?? []) command.addCommand(subcommand);
          return command;
        };
      },
    };
  });
}
