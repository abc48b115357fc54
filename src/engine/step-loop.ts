// Kargo's LocalOrchestrator.ExecuteSteps: runs the Promotion's steps from
// `startFrom`, each decided by its `if`, evaluated, executed and folded into
// its metadata and the shared state; stops at a step that is still Running.

import type { ExpressionVariable, PromotionPhase, PromotionStep, StepExecutionMetadata } from '../model/kargo.js';
import { finalPhase } from './final-phase.js';
import { unregisteredStepMessage, type RegisteredStep, type StepRegistry } from './registry.js';
import type { HealthCheck, StepContext } from './step.js';
import { completeStep } from './step-completion.js';
import { evaluateConfig, shouldSkip, type PromotionExpressionData } from './step-evaluation.js';
import { executeStep } from './step-execution.js';
import { stoppedBySignal } from './step-interruption.js';
import { markStarted, metadataFor } from './step-metadata.js';

export interface StepLoopInput {
  steps: readonly PromotionStep[];
  aliases: readonly string[];
  startFrom: number;
  /** The Promotion's stepExecutionMetadata, updated in place. */
  metas: StepExecutionMetadata[];
  /** The Promotion's state (outputs by alias), updated in place. */
  state: Record<string, unknown>;
  data: PromotionExpressionData;
  promotionVars: readonly ExpressionVariable[];
  registry: StepRegistry;
  /** What every step's context shares; alias and state are added per step. */
  context: Omit<StepContext, 'alias' | 'sharedState'>;
}

export interface StepLoopResult {
  phase: PromotionPhase;
  message: string;
  currentStep: number;
  healthChecks: HealthCheck[];
  retryAfterMs?: number;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export async function runSteps(input: StepLoopInput): Promise<StepLoopResult> {
  const { steps, aliases, metas, state, context } = input;
  const { clock, signal } = context;
  const healthChecks: HealthCheck[] = [];
  const scope = () => ({ data: input.data, promotionVars: input.promotionVars, state, metas });

  for (let index = input.startFrom; index < steps.length; index++) {
    const step = steps[index] as PromotionStep;
    const alias = aliases[index] as string;
    const meta = metadataFor(metas, alias, step.continueOnError ?? false);

    if (signal.aborted) return stoppedBySignal(signal.reason, meta, alias, index, healthChecks, clock);

    if (!meta.startedAt) {
      let skip: boolean;
      try {
        skip = shouldSkip(scope(), step, alias);
      } catch (error) {
        meta.status = 'Errored';
        meta.message = `error checking if step ${JSON.stringify(alias)} should be skipped: ${errorText(error)}`;
        continue;
      }
      if (skip) {
        meta.status = 'Skipped';
        continue;
      }
    }

    const runner = input.registry.get(step.uses ?? '');
    if (!runner) {
      meta.status = 'Errored';
      meta.message = unregisteredStepMessage(step.uses ?? '');
      continue;
    }
    markStarted(meta, clock);

    let config: unknown;
    try {
      config = evaluateConfig(scope(), step, alias);
    } catch (error) {
      meta.status = 'Errored';
      meta.message = `failed to build step context: failed to get step config: ${errorText(error)}`;
      continue;
    }

    const execution = await executeStep(runner, { ...context, alias, sharedState: structuredClone(state) }, config);
    if (signal.aborted) return stoppedBySignal(signal.reason, meta, alias, index, healthChecks, clock);
    recordOutput(state, alias, runner, execution.result.output);

    const completion = completeStep(meta, step, alias, runner, execution, clock);
    if (!completion.done) {
      return {
        phase: 'Running',
        message: completion.error ?? '',
        currentStep: index,
        healthChecks,
        ...(execution.result.retryAfterMs !== undefined ? { retryAfterMs: execution.result.retryAfterMs } : {}),
      };
    }
    if (meta.status === 'Succeeded' && execution.result.healthCheck) healthChecks.push(execution.result.healthCheck);
  }

  const { phase, message } = finalPhase(
    steps.map((step) => step.continueOnError ?? false),
    metas,
  );
  return { phase, message, currentStep: steps.length - 1, healthChecks };
}

/** state[alias] = output; a task's compose-output also merges into state[<task alias>]. */
function recordOutput(state: Record<string, unknown>, alias: string, runner: RegisteredStep, output: Record<string, unknown> | undefined): void {
  state[alias] = output ?? null;
  if (!runner.propagatesTaskOutput) return;
  const parts = alias.split('::');
  if (parts.length !== 2) return;
  const taskAlias = parts[0] as string;
  const existing = state[taskAlias];
  state[taskAlias] = { ...(typeof existing === 'object' && existing !== null ? existing : {}), ...(output ?? {}) };
}
