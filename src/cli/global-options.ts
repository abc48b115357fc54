// The flags every command accepts, declared once on the root command and read
// by subcommands through commander's optsWithGlobals().

import { type Command, Option } from 'commander';
import type { ClusterSelection } from '../kube/cluster-selection.js';
import { parseRequestTimeout, RequestTimeoutError } from '../kube/request-timeout.js';
import { fail } from '../runtime/failure.js';
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
  /** --request-timeout in milliseconds (0: no limit); absent: the client's default (30 s). */
  requestTimeoutMs?: number;
}

export function addGlobalOptions(program: Command): Command {
  return program
    .option('--kubeconfig <file>', 'path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-p, --project <name>', 'Kargo project (default: $KARGO_PROJECT, `kargo config set-project`, or the context namespace)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS))
    .option('--no-headers', 'omit table headers')
    .addOption(new Option('--color <when>', 'colour output').choices(COLOR_MODES).default('auto'))
    .option('-v, --verbose', 'log each API request (method, URL, status, time) to stderr', false)
    .option('--request-timeout <duration>', 'limit on one API request, e.g. 10s or 2m; 0 means none (default 30s)');
}

export function globalOptionsOf(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<Partial<GlobalOptions> & { requestTimeout?: string }>();
  const requestTimeoutMs = options.requestTimeout === undefined ? undefined : requestTimeoutOf(options.requestTimeout);
  return {
    ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
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
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
  };
}

function requestTimeoutOf(value: string): number {
  try {
    return parseRequestTimeout(value);
  } catch (error) {
    if (error instanceof RequestTimeoutError) fail('usage', error.message);
    throw error;
  }
}
