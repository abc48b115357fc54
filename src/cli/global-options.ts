// The flags every command accepts, declared once on the root command and read
// by subcommands through commander's optsWithGlobals().

import { basename } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { ClusterSelection } from '../kube/cluster-selection.js';
import { parseRequestTimeout, RequestTimeoutError } from '../kube/request-timeout.js';
import { fail } from '../runtime/failure.js';
import { COLOR_MODES, type ColorMode, isOutputFormat, isTemplateFormat, OUTPUT_FORMATS, type OutputFormat, TEMPLATE_FORMATS } from '../output/formats.js';

export interface GlobalOptions {
  kubeconfig?: string;
  context?: string;
  project?: string;
  output?: OutputFormat;
  /** What followed `=` in `-o jsonpath=…`, `-o custom-columns=…` and the like. */
  outputArgument?: string;
  /** commander's `--no-headers` sets `headers: false`. */
  headers: boolean;
  color: ColorMode;
  verbose: boolean;
  /** --request-timeout in milliseconds (0: no limit); absent: the client's default (30 s). */
  requestTimeoutMs?: number;
  insecureSkipTlsVerify?: boolean;
}

/** Run as `kubectl kargo` (the kubectl-kargo executable), where kubectl's `-n` names the project. */
export function invokedAsKubectlPlugin(script: string | undefined = process.argv[1]): boolean {
  return /^kubectl-kargo(\.js)?$/.test(basename(script ?? ''));
}

export function addGlobalOptions(program: Command, options: { kubectlPlugin?: boolean } = {}): Command {
  program
    .option('--kubeconfig <file>', 'path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig context to use')
    .option('-p, --project <name>', 'Kargo project (default: $KARGO_PROJECT, `kargo config set-project`, or the context namespace)');
  if (options.kubectlPlugin ?? invokedAsKubectlPlugin()) program.option('-n, --namespace <name>', 'the same as -p/--project, as kubectl spells it');
  return program
    .addOption(
      new Option(
        '-o, --output <format>',
        'output format: json, yaml, name, wide, jsonpath=…, jsonpath-as-json=…, go-template=…, custom-columns=… (and their -file forms)',
      )
        .choices(OUTPUT_FORMATS)
        .argParser(checkOutputFlag),
    )
    .option('--no-headers', 'omit table headers')
    .addOption(new Option('--color <when>', 'colour output').choices(COLOR_MODES).default('auto'))
    .option('-v, --verbose', 'log each API request (method, URL, status, time) to stderr', false)
    .option('--request-timeout <duration>', 'limit on one API request, e.g. 10s or 2m; 0 means none (default 30s)')
    .option('--insecure-skip-tls-verify', "don't check the API server's certificate (insecure; as kubectl's flag)");
}

export function globalOptionsOf(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<Omit<Partial<GlobalOptions>, 'output'> & { requestTimeout?: string; namespace?: string; output?: string }>();
  const requestTimeoutMs = options.requestTimeout === undefined ? undefined : requestTimeoutOf(options.requestTimeout);
  if (options.namespace && options.project && options.namespace !== options.project) {
    fail('usage', `-n ${options.namespace} and -p ${options.project} name different projects`, 'Give one of them.');
  }
  const project = options.project ?? options.namespace;
  const [output, outputArgument] = splitOutputFlag(options.output);
  return {
    ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context ? { context: options.context } : {}),
    ...(project ? { project } : {}),
    ...(output ? { output } : {}),
    ...(outputArgument !== undefined ? { outputArgument } : {}),
    headers: options.headers ?? true,
    color: options.color ?? 'auto',
    verbose: options.verbose ?? false,
    ...(options.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
  };
}

export function clusterSelectionOf(options: GlobalOptions): ClusterSelection {
  return {
    ...(options.kubeconfig ? { kubeconfig: options.kubeconfig } : {}),
    ...(options.context ? { context: options.context } : {}),
    verbose: options.verbose,
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.insecureSkipTlsVerify ? { insecureSkipTlsVerify: true } : {}),
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

/** `-o FORMAT` or `-o FORMAT=ARGUMENT` for the template formats; anything else is refused as kubectl refuses it. */
function checkOutputFlag(value: string): string {
  const [format, argument] = splitOutputFlag(value);
  if (!format || (argument !== undefined && !isTemplateFormat(format))) {
    const allowed = [...OUTPUT_FORMATS, ...TEMPLATE_FORMATS].sort().join(', ');
    throw new InvalidArgumentError(`unable to match a printer suitable for the output format "${value}", allowed formats are: ${allowed}`);
  }
  return value;
}

function splitOutputFlag(value: string | undefined): [OutputFormat | undefined, string | undefined] {
  if (value === undefined) return [undefined, undefined];
  const equals = value.indexOf('=');
  const format = equals < 0 ? value : value.slice(0, equals);
  return [isOutputFormat(format) ? format : undefined, equals < 0 ? undefined : value.slice(equals + 1)];
}
