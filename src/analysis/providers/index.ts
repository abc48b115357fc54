// Choosing a metric's provider. web and prometheus talk HTTP; job runs
// containers only where allowed; the rest are not available in the sandbox.

import type { Metric } from '../../model/analysis.js';
import { findContainerRuntime } from './container-runtime.js';
import { jobProvider } from './job.js';
import { PROMETHEUS_ADDRESS_ENV, prometheusProvider } from './prometheus.js';
import type { ProviderFactory } from './provider.js';
import { webProvider } from './web.js';

export interface ProviderOptions {
  /** Run job metrics' containers (the user said `--allow-jobs`). Default false. */
  allowJobs?: boolean;
  /** docker/podman executable; found on PATH when omitted. */
  containerRuntime?: string;
  /** Where ARGO_ROLLOUTS_PROMETHEUS_ADDRESS and PATH are read from. */
  env?: Readonly<Record<string, string | undefined>>;
}

export const UNSUPPORTED_PROVIDER = 'provider not supported by this sandbox';

export function standardProviders(options: ProviderOptions = {}): ProviderFactory {
  const env = options.env ?? {};
  return (metric: Metric) => {
    const provider = metric.provider ?? {};
    if (provider.web) return webProvider(provider.web);
    if (provider.prometheus) return prometheusProvider(provider.prometheus, env[PROMETHEUS_ADDRESS_ENV]);
    if (provider.job) {
      const allowJobs = options.allowJobs === true;
      const runtime = allowJobs ? (options.containerRuntime ?? findContainerRuntime(env['PATH'])) : undefined;
      return jobProvider(provider.job, { allowJobs, runtime });
    }
    const name = Object.keys(provider).find((key) => provider[key as keyof typeof provider] !== undefined);
    return { error: name ? `${name}: ${UNSUPPORTED_PROVIDER}` : UNSUPPORTED_PROVIDER };
  };
}
