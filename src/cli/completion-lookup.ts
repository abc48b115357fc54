// The values a completion asks the cluster (or the kubeconfig) for. A shell waits
// for them while the user holds TAB, so the lookup gets COMPLETION_DEADLINE_MS
// after start-up (KARGO_COMPLETION_TIMEOUT, e.g. 2s, for a slow cluster) and
// answers nothing, silently, when it is late or anything fails.

import { kubeconfigContextNames } from '../kube/kubeconfig-contexts.js';
import { parseRequestTimeout } from '../kube/request-timeout.js';
import { completionValues } from '../usecases/complete-values.js';
import type { CompletionSource } from './completion-hints.js';
import type { CliContext } from './context.js';
import { resolveProject } from './project.js';

export const COMPLETION_DEADLINE_MS = 300;

/** The global flags a completed command line carries that choose the cluster and project. */
export interface CompletionTarget {
  kubeconfig?: string;
  context?: string;
  project?: string;
}

export async function lookupCandidates(ctx: CliContext, source: CompletionSource, target: CompletionTarget): Promise<string[]> {
  const lookup = async (): Promise<string[]> => {
    if (source === 'contexts') return kubeconfigContextNames(target, ctx.env);
    const client = await ctx.kube({
      ...(target.kubeconfig ? { kubeconfig: target.kubeconfig } : {}),
      ...(target.context ? { context: target.context } : {}),
      verbose: false,
    });
    const project = source === 'projects' ? undefined : (await resolveProject(target.project, ctx.env, async () => client.identity)).name;
    return completionValues(client, source, project);
  };
  return withDeadline(lookup(), deadlineMs(ctx.env)).catch(() => []);
}

function deadlineMs(env: CliContext['env']): number {
  const configured = env.KARGO_COMPLETION_TIMEOUT;
  if (!configured) return COMPLETION_DEADLINE_MS;
  try {
    return parseRequestTimeout(configured) || COMPLETION_DEADLINE_MS;
  } catch {
    return COMPLETION_DEADLINE_MS;
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('completion timed out')), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
