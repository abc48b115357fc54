// Turns anything a command throws into one line for stderr and an exit code.
// User-caused failures carry what happened, why, and what to do; anything
// unrecognised is a bug (exit 1) whose stack trace is shown only with -v.

import { KubeApiError, KubeConfigError, KubeConnectionError } from '../kube/errors.js';
import { ProjectMissingError } from '../usecases/get.js';
import { WorkflowError } from '../usecases/workflow-error.js';
import { ExitCode } from './exit-codes.js';

export class CliError extends Error {
  override name = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** What to do next, printed on its own line after the message. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Ends a command with `exitCode` without printing anything more (it printed its own final line). */
export function exitQuietly(exitCode: ExitCode): CliError {
  return new CliError(exitCode, '');
}

export function usageError(message: string, hint?: string): CliError {
  return new CliError(ExitCode.Usage, message, hint);
}

/** Names the request that failed, for the 403 and 404 messages. */
interface RequestDescription {
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
}

export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof WorkflowError) return new CliError(error.exitCode, error.message, undefined, { cause: error });
  if (error instanceof ProjectMissingError) return missingProject(error.project, error);
  if (error instanceof KubeConfigError) {
    return new CliError(ExitCode.Usage, error.message, undefined, { cause: error });
  }
  if (error instanceof KubeConnectionError) return fromConnectionError(error);
  if (error instanceof KubeApiError) return fromApiError(error);
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(ExitCode.Unexpected, `unexpected error: ${message}`, 'This is a bug in kargo; rerun with -v for details.', {
    cause: error,
  });
}

function fromConnectionError(error: KubeConnectionError): CliError {
  const where = `${error.server} (context "${error.contextName}")`;
  switch (error.kind) {
    case 'tls':
      return new CliError(
        ExitCode.Unexpected,
        `TLS failure talking to the Kubernetes API server at ${where}: ${rootMessage(error)}`,
        'Check certificate-authority-data / insecure-skip-tls-verify of that cluster in your kubeconfig.',
        { cause: error },
      );
    case 'timeout':
      return new CliError(ExitCode.Timeout, error.message, 'Check that the cluster is up and reachable from here.', { cause: error });
    case 'unreachable':
      return new CliError(
        ExitCode.Unexpected,
        `cannot reach the Kubernetes API server at ${where}: ${rootMessage(error)}`,
        'Check that the cluster is running and that --context / KUBECONFIG select the cluster you mean.',
        { cause: error },
      );
  }
}

function fromApiError(error: KubeApiError): CliError {
  const request = describeRequest(error.method, error.url);
  switch (error.code) {
    case 401:
      return new CliError(
        ExitCode.Forbidden,
        'the Kubernetes API server rejected your credentials (401 Unauthorized)',
        'Your token or certificate is missing, invalid or expired; log in to the cluster again.',
        { cause: error },
      );
    case 403: {
      const scope = request.namespace ? ` in namespace "${request.namespace}"` : ' at cluster scope';
      return new CliError(
        ExitCode.Forbidden,
        `forbidden: you may not ${request.verb} ${request.resource}${scope}`,
        `Ask an administrator for RBAC permission to ${request.verb} ${request.resource}${scope}.`,
        { cause: error },
      );
    }
    case 404:
      return fromNotFound(error, request);
    case 409:
      return new CliError(ExitCode.Unexpected, `conflict: ${error.message}`, 'Someone changed the object meanwhile; run the command again.', {
        cause: error,
      });
    case 422:
    case 400:
      return new CliError(ExitCode.Usage, `the API server refused the request: ${error.message}`, undefined, { cause: error });
    default:
      return new CliError(ExitCode.Unexpected, `the API server answered ${error.code}: ${error.message}`, undefined, { cause: error });
  }
}

function fromNotFound(error: KubeApiError, request: RequestDescription): CliError {
  const details = error.status.details;
  if (details?.kind === 'namespaces' || (details?.kind === undefined && request.resource === 'namespaces' && request.name)) {
    return missingProject(details?.name ?? request.name ?? '', error);
  }
  if (!details?.name && !details?.kind) {
    // A 404 Status that names no object comes from the API server's fallback
    // handler: the URL itself is unknown, i.e. the API group is not served.
    if (error.url.includes('/apis/kargo.akuity.io/')) {
      return new CliError(ExitCode.NotFound, 'Kargo is not installed in this cluster (the kargo.akuity.io API is not served)', 'Install Kargo, or select the cluster that runs it with --context.', {
        cause: error,
      });
    }
    if (error.url.includes('/apis/argoproj.io/')) {
      return new CliError(ExitCode.NotFound, 'Argo Rollouts is not installed in this cluster (the argoproj.io API is not served)', undefined, {
        cause: error,
      });
    }
  }
  const name = details?.name ?? request.name;
  const what = name ? `${singular(request.resource)} "${name}"` : request.resource;
  const scope = request.namespace ? ` in project "${request.namespace}"` : '';
  return new CliError(ExitCode.NotFound, `${what} not found${scope}`, undefined, { cause: error });
}

export function missingProject(project: string, cause?: unknown): CliError {
  return new CliError(
    ExitCode.NotFound,
    `project "${project}" does not exist (no namespace "${project}" in this cluster)`,
    'List projects with `kargo get projects`, or pick another with -p NAME.',
    { cause },
  );
}

const VERB_BY_METHOD: Record<string, string> = { GET: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** Recovers verb, resource, namespace and name from a Kubernetes REST URL. */
function describeRequest(method: string, url: string): RequestDescription {
  const parsed = new URL(url, 'http://localhost');
  const parts = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  // /api/v1/... or /apis/group/version/...
  const rest = parts[0] === 'api' ? parts.slice(2) : parts.slice(3);
  const group = parts[0] === 'apis' ? parts[1] : undefined;
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest.splice(0, 2);
  }
  const plural = rest[0] ?? parts.at(-1) ?? 'resources';
  const name = rest[1];
  const resource = group ? `${plural}.${group}` : plural;
  let verb = VERB_BY_METHOD[method] ?? method.toLowerCase();
  if (method === 'GET' && !name) verb = parsed.searchParams.get('watch') === 'true' ? 'watch' : 'list';
  return { verb, resource, ...(namespace ? { namespace } : {}), ...(name ? { name } : {}) };
}

function singular(resource: string): string {
  const plural = resource.split('.')[0] ?? resource;
  if (plural === 'freights') return 'freight';
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  return plural.endsWith('s') ? plural.slice(0, -1) : plural;
}

function rootMessage(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? cause.message : error.message;
}

/** The text printed for a failure: `error: …` plus an optional hint line, and the stack with -v. */
export function formatCliError(error: CliError, verbose: boolean): string {
  const lines = [`error: ${error.message}`];
  if (error.hint) lines.push(error.hint);
  if (verbose) {
    const origin = error.cause instanceof Error ? error.cause : error;
    if (origin.stack) lines.push(origin.stack);
  }
  return `${lines.join('\n')}\n`;
}
