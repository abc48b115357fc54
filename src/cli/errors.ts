// The one place where failures become exit codes and words on stderr. Lower
// layers raise a Failure of a kind (src/runtime/failure.ts) or let the cluster
// client's typed errors through; this module maps both to one line, an optional
// hint, and the documented exit code. Anything unrecognised is a bug (exit 1)
// whose stack trace is shown only with -v.

import { KubeApiError, KubeConfigError, KubeConnectionError, KubeCredentialsError, KubeUnavailableError } from '../kube/errors.js';
import { Failure, type FailureKind } from '../runtime/failure.js';
import { projectNotFound } from '../usecases/not-found.js';
import { ExitCode } from './exit-codes.js';

export const EXIT_CODE_BY_KIND: Record<FailureKind, ExitCode> = {
  usage: ExitCode.Usage,
  'not-found': ExitCode.NotFound,
  forbidden: ExitCode.Forbidden,
  refused: ExitCode.Refused,
  conflict: ExitCode.Unexpected,
  timeout: ExitCode.Timeout,
  unavailable: ExitCode.Unavailable,
  'promotion-failed': ExitCode.PromotionFailed,
  'verification-failed': ExitCode.VerificationFailed,
  aborted: ExitCode.Aborted,
  superseded: ExitCode.Superseded,
  internal: ExitCode.Unexpected,
};

/** A failure ready to print: its exit code, one line, and what to do next. */
export interface Report {
  exitCode: ExitCode;
  message: string;
  hint?: string;
  cause?: unknown;
}

/** Ends a command with `exitCode` without printing anything more (it printed its own final line). */
export class QuietExit extends Error {
  override readonly name = 'QuietExit';
  constructor(readonly exitCode: ExitCode) {
    super('');
  }
}

export function exitQuietly(exitCode: ExitCode): QuietExit {
  return new QuietExit(exitCode);
}

export function toReport(error: unknown): Report {
  if (error instanceof QuietExit) return { exitCode: error.exitCode, message: '' };
  const failure = toFailure(error);
  return {
    exitCode: EXIT_CODE_BY_KIND[failure.kind],
    message: failure.message,
    ...(failure.hint ? { hint: failure.hint } : {}),
    cause: failure.cause ?? failure,
  };
}

/** Any error as a Failure of a kind: the cluster client's typed errors are worded here. */
function toFailure(error: unknown): Failure {
  if (error instanceof Failure) return error;
  // Credentials that cannot be used are "who we are" problems (exit 4); the rest of a broken kubeconfig is usage (exit 2).
  if (error instanceof KubeCredentialsError) return new Failure('forbidden', error.message, undefined, { cause: error });
  if (error instanceof KubeConfigError) return new Failure('usage', error.message, undefined, { cause: error });
  if (error instanceof KubeUnavailableError) return fromUnavailable(error);
  if (error instanceof KubeConnectionError) return fromConnectionError(error);
  if (error instanceof KubeApiError) return fromApiError(error);
  const message = error instanceof Error ? error.message : String(error);
  return new Failure('internal', `unexpected error: ${message}`, 'This is a bug in kargo; rerun with -v for details.', { cause: error });
}

const REACH_HINT = 'Check that the cluster is running and that --context / KUBECONFIG select the cluster you mean.';

/** Retries ran out: the message already names the server, the last cause and the attempts. */
function fromUnavailable(error: KubeUnavailableError): Failure {
  const hint = error.lastCause instanceof KubeConnectionError ? REACH_HINT : 'The cluster is failing or overloaded; try again later, or ask its administrator.';
  return new Failure('unavailable', error.message, hint, { cause: error });
}

function fromConnectionError(error: KubeConnectionError): Failure {
  const where = `${error.server} (context "${error.contextName}")`;
  switch (error.kind) {
    case 'tls':
      return new Failure(
        'unavailable',
        `TLS failure talking to the Kubernetes API server at ${where}: ${rootMessage(error)}`,
        'Check certificate-authority-data / insecure-skip-tls-verify of that cluster in your kubeconfig.',
        { cause: error },
      );
    // A per-request limit, not the command's --timeout (124): the cluster did not answer.
    case 'timeout':
      return new Failure(
        'unavailable',
        error.message,
        `${WRITE_NOT_REPEATED}Check that the cluster is up and reachable from here, or raise --request-timeout.`,
        { cause: error },
      );
    case 'unreachable':
      return new Failure('unavailable', `cannot reach the Kubernetes API server at ${where}: ${rootMessage(error)}`, `${WRITE_NOT_REPEATED}${REACH_HINT}`, {
        cause: error,
      });
  }
}

function fromApiError(error: KubeApiError): Failure {
  const request = describeRequest(error.method, error.url);
  switch (error.code) {
    case 401:
      return new Failure(
        'forbidden',
        'the Kubernetes API server rejected your credentials (401 Unauthorized)',
        'Your token or certificate is missing, invalid or expired; log in to the cluster again.',
        { cause: error },
      );
    case 403: {
      const scope = request.namespace ? ` in namespace "${request.namespace}"` : ' at cluster scope';
      return new Failure(
        'forbidden',
        `forbidden: you may not ${request.verb} ${request.resource}${scope}`,
        `Ask an administrator for RBAC permission to ${request.verb} ${request.resource}${scope}.`,
        { cause: error },
      );
    }
    case 404:
      return fromNotFound(error, request);
    case 409:
      return new Failure('conflict', `conflict: ${error.message}`, 'Someone changed the object meanwhile; run the command again.', { cause: error });
    case 422:
    case 400:
      return new Failure('usage', `the API server refused the request: ${error.message}`, undefined, { cause: error });
    default: {
      const path = new URL(error.url, 'http://localhost').pathname;
      const answer = `HTTP ${error.code}${error.reason ? ` ${error.reason}` : ''}`;
      if (error.code >= 500 || error.code === 429) {
        return new Failure(
          'unavailable',
          `the Kubernetes API server answered ${answer} to ${error.method} ${path}: ${error.message}`,
          `${WRITE_NOT_REPEATED}The cluster is failing or overloaded; try again later.`,
          { cause: error },
        );
      }
      return new Failure(
        'internal',
        `the Kubernetes API server answered ${answer} to ${error.method} ${path}: ${error.message}`,
        'This is a bug in kargo; rerun with -v for details.',
        { cause: error },
      );
    }
  }
}

/** Names the request that failed, for the 403 and 404 messages. */
interface RequestDescription {
  verb: string;
  resource: string;
  namespace?: string;
  name?: string;
}

function fromNotFound(error: KubeApiError, request: RequestDescription): Failure {
  const details = error.status.details;
  if (details?.kind === 'namespaces' || (details?.kind === undefined && request.resource === 'namespaces' && request.name)) {
    return projectNotFound(details?.name ?? request.name ?? '', error);
  }
  if (!details?.name && !details?.kind) {
    // A 404 Status that names no object comes from the API server's fallback
    // handler: the URL itself is unknown, i.e. the API group is not served.
    if (error.url.includes('/apis/kargo.akuity.io/')) {
      return new Failure(
        'not-found',
        'Kargo is not installed in this cluster (the kargo.akuity.io API is not served)',
        'Install Kargo, or select the cluster that runs it with --context.',
        {
          cause: error,
        },
      );
    }
    if (error.url.includes('/apis/argoproj.io/')) {
      return new Failure('not-found', 'Argo Rollouts is not installed in this cluster (the argoproj.io API is not served)', undefined, { cause: error });
    }
  }
  const name = details?.name ?? request.name;
  const what = name ? `${kindName(request.resource)} "${name}"` : request.resource;
  const scope = request.namespace ? ` in project "${request.namespace}"` : '';
  return new Failure('not-found', `${what} not found${scope}`, undefined, { cause: error });
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

/** `stages.kargo.akuity.io` → `Stage`, as the not-found messages of the use-cases name kinds. */
function kindName(resource: string): string {
  const plural = resource.split('.')[0] ?? resource;
  const singular = plural === 'freights' ? 'freight' : plural.endsWith('ies') ? `${plural.slice(0, -3)}y` : plural.endsWith('s') ? plural.slice(0, -1) : plural;
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

/** Only reads (and writes that cannot apply twice) are retried; anything that reaches here unretried was a write. */
const WRITE_NOT_REPEATED = 'A write that fails this way is not repeated, since it may have been applied; check before running the command again. ';

function rootMessage(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? cause.message : error.message;
}

/** The text printed for a failure: `error: …` plus an optional hint line, and the stack with -v. */
export function formatReport(report: Report, verbose: boolean): string {
  const lines = [`error: ${report.message}`];
  if (report.hint) lines.push(report.hint);
  if (verbose) {
    if (report.cause instanceof Error && report.cause.stack) lines.push(report.cause.stack);
  }
  return `${lines.join('\n')}\n`;
}
