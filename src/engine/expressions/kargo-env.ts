// Kargo's expression environment for a promotion step (pkg/promotion/
// evaluator.go): `ctx`, `vars`, `outputs`, `task.outputs`, `stepMetas`, and
// the functions of pkg/expressions/function, bound to a data snapshot.

import type { StepExecutionMetadata } from '../../model/kargo.js';
import { GoStruct } from './core/index.js';
import type { KargoExpressionData } from './kargo-data.js';
import { configMapLookup, secretLookup } from './functions/config.js';
import { artifactFromFreight, chartFromFreight, commitFromFreight, imageFromFreight, warehouse } from './functions/freight.js';
import { freightMetadataLookup, stageMetadataLookup } from './functions/metadata.js';
import { quote, unsafeQuote } from './functions/quote.js';
import { semverDiff, semverParse } from './functions/semver.js';
import { namespaceOf, statusFunctions } from './functions/status.js';

export function kargoExpressionEnv(data: KargoExpressionData): Record<string, unknown> {
  const env: Record<string, unknown> = { ctx: contextOf(data), vars: data.vars ?? {}, ...kargoFunctions(data) };
  if (data.state) {
    env['outputs'] = data.state;
    const taskOutputs = taskOutputsOf(data.stepAlias ?? '', data.state);
    if (taskOutputs) env['task'] = { outputs: taskOutputs };
  }
  if (data.stepExecutionMetadata) {
    env['stepMetas'] = stepMetasOf(data.stepExecutionMetadata);
    Object.assign(env, statusFunctions(data.stepExecutionMetadata, data.stepAlias));
  }
  return env;
}

/** The snapshot the data and freight functions read (no Promotion needed). */
export type KargoFunctionData = Pick<
  KargoExpressionData,
  'project' | 'freightRequests' | 'freight' | 'warehouses' | 'freightObjects' | 'stages' | 'configMaps' | 'secrets' | 'sharedConfigMaps' | 'sharedSecrets'
>;

/** Kargo's FreightOperations, DataOperations and UtilityOperations, plus quote()/unsafeQuote(). */
export function kargoFunctions(data: KargoFunctionData): Record<string, unknown> {
  return {
    warehouse,
    commitFrom: commitFromFreight(data),
    imageFrom: imageFromFreight(data),
    chartFrom: chartFromFreight(data),
    artifactFrom: artifactFromFreight(data),
    freightMetadata: freightMetadataLookup(data.freightObjects),
    stageMetadata: stageMetadataLookup(data.stages),
    configMap: configMapLookup(data.configMaps),
    secret: secretLookup(data.secrets),
    sharedConfigMap: configMapLookup(data.sharedConfigMaps),
    sharedSecret: secretLookup(data.sharedSecrets, true),
    semverDiff,
    semverParse,
    quote,
    unsafeQuote,
  };
}

/** BuildCtxMap of Kargo's evaluator. */
function contextOf(data: KargoExpressionData): Record<string, unknown> {
  return {
    uiBaseUrl: data.uiBaseUrl ?? '',
    project: data.project,
    promotion: data.promotion,
    stage: data.stage,
    targetFreight: {
      name: data.targetFreight.name,
      alias: data.targetFreight.alias ?? '',
      origin: { name: data.targetFreight.origin?.name ?? '' },
    },
    meta: {
      promotion: { actor: data.promotionActor ?? '', rollback: data.rollback ?? false },
      step: { alias: data.stepAlias ?? '' },
    },
  };
}

/** The outputs of the current step's siblings in its task, without the `<task>::` prefix. */
function taskOutputsOf(alias: string, state: Readonly<Record<string, unknown>>): Record<string, unknown> | undefined {
  const namespace = namespaceOf(alias);
  if (namespace === '') return undefined;
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state)) {
    if (namespaceOf(key) === namespace) outputs[key.slice(namespace.length + 2)] = value;
  }
  return outputs;
}

/** Alias → the step's StepExecutionMetadata (Go field names: `stepMetas.build.Status`). */
function stepMetasOf(metas: readonly StepExecutionMetadata[]): Record<string, unknown> {
  const byAlias: Record<string, unknown> = {};
  for (const meta of metas) {
    const fields = {
      Alias: meta.alias ?? '',
      StartedAt: meta.startedAt ?? null,
      FinishedAt: meta.finishedAt ?? null,
      ErrorCount: meta.errorCount ?? 0,
      Status: meta.status ?? '',
      Message: meta.message ?? '',
      ContinueOnError: meta.continueOnError ?? false,
    };
    byAlias[meta.alias ?? ''] = new GoStruct('v1alpha1.StepExecutionMetadata', fields, () => ({ ...meta }));
  }
  return byAlias;
}
