// The flags every command accepts, declared once on the root command and read
// by subcommands through commander's optsWithGlobals().

import { type Command, Option } from 'commander';
import type { ClusterSelection } from '../kube/cluster-selection.js';
import { COLOR_MODES, type ColorMode, OUTPUT_FORMATS, type OutputFormat } from '../output/formats.js';

export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  project?: string;
  output?: OutputFormat;
  /** commander's `--no-headers` sets `headers: false`. */
  headers: boolean;
  color: ColorMode;
  verbose: boolean;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--kubeconfig <file>', 'path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-p, --project <name>', 'Kargo project (default: $KARGO_PROJECT, `kargo config set-project`, or the context namespace)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS))
    .option('--no-headers', 'omit table headers')
    .addOption(new Option('--color <when>', 'colour output').choices(COLOR_MODES).default('auto'))
    .option('-v, --verbose', 'log each API request (method, URL, status, time) to stderr', false);
}

export function globalOptionsOf(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<Partial<GlobalOptions>>();
  return {
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context ? { context: options.context } : {}),
    ...(options.project ? { project: options.project } : {}),
    ...(options.output ? { output: options.output } : {}),
    headers: options.headers ?? true,
    color: options.color ?? 'auto',
    verbose: options.verbose ?? false,
  };
}

export function clusterSelectionOf(options: GlobalOptions): ClusterSelection {
  return {
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context ? { context: options.context } : {}),
    verbose: options.verbose,
  };
}
