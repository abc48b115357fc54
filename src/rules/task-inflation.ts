// Expands `task:` steps of a Stage's promotion template into the steps of the
// referenced PromotionTask / ClusterPromotionTask, and gives every step its alias
// (kargo-semantics.md §3.4).

import type { ExpressionVariable, PromotionStep, PromotionTask } from '../model/kargo.js';

export type PromotionTaskKind = 'PromotionTask' | 'ClusterPromotionTask';

/** Finds a task by kind and name; undefined when it does not exist. */
export type PromotionTaskLookup = (kind: PromotionTaskKind, name: string) => PromotionTask | undefined;

export class TaskInflationError extends Error {
  override name = 'TaskInflationError';
  constructor(
    readonly reason: 'task-not-found' | 'missing-variable',
    message: string,
    readonly detail: { stepAlias: string; taskKind?: PromotionTaskKind; taskName?: string; variable?: string },
  ) {
    super(message);
  }
}

const TASK_ALIAS_SEPARATOR = '::';

/** Kargo's PromotionStep.GetAlias: the step's `as`, else `task-N` / `step-N` (1-based). */
export function stepAlias(step: PromotionStep, index: number): string {
  if (step.as) return step.as;
  return step.task ? `task-${index + 1}` : `step-${index + 1}`;
}

/**
 * Template steps with every task step inflated and every step given its alias.
 * `promotionVars` are the Promotion's vars (Stage vars ++ template vars): a task
 * variable they set is neither defaulted nor required on the referencing step.
 */
export function inflateSteps(templateSteps: PromotionStep[], promotionVars: ExpressionVariable[], tasks: PromotionTaskLookup): PromotionStep[] {
  return templateSteps.flatMap((step, index) => {
    const alias = stepAlias(step, index);
    if (!step.task) return [{ ...step, as: alias }];
    return inflateTask(step, alias, promotionVars, tasks);
  });
}

function inflateTask(step: PromotionStep, taskAlias: string, promotionVars: ExpressionVariable[], tasks: PromotionTaskLookup): PromotionStep[] {
  const reference = step.task!;
  const kind: PromotionTaskKind = reference.kind === 'ClusterPromotionTask' ? 'ClusterPromotionTask' : 'PromotionTask';
  const task = tasks(kind, reference.name);
  const context = `inflate task steps for task "${reference.name}" ("${taskAlias}")`;
  if (!task) {
    throw new TaskInflationError('task-not-found', `${context}: ${kind} "${reference.name}" not found`, {
      stepAlias: taskAlias,
      taskKind: kind,
      taskName: reference.name,
    });
  }
  const vars = taskVariables(task.spec.vars ?? [], promotionVars, step.vars ?? [], (variable) => {
    throw new TaskInflationError('missing-variable', `${context}: missing value for variable "${variable}"`, {
      stepAlias: taskAlias,
      taskKind: kind,
      taskName: reference.name,
      variable,
    });
  });
  return task.spec.steps.map((taskStep, index) => {
    const inflated: PromotionStep = { ...taskStep, as: `${taskAlias}${TASK_ALIAS_SEPARATOR}${stepAlias(taskStep, index)}` };
    const stepVars = [...vars, ...(taskStep.vars ?? [])];
    if (stepVars.length > 0) inflated.vars = stepVars;
    else delete inflated.vars;
    return inflated;
  });
}

/**
 * The vars every inflated step receives: task defaults the Promotion does not set,
 * then all of the referencing step's vars. A task var without a default must be
 * set (non-empty) by the Promotion or the referencing step.
 */
function taskVariables(
  taskVars: ExpressionVariable[],
  promotionVars: ExpressionVariable[],
  referencingVars: ExpressionVariable[],
  missing: (name: string) => never,
): ExpressionVariable[] {
  const setOnPromotion = new Set(promotionVars.filter((variable) => variable.value).map((variable) => variable.name));
  const setOnStep = new Set(referencingVars.filter((variable) => variable.value).map((variable) => variable.name));
  const defaults: ExpressionVariable[] = [];
  for (const variable of taskVars) {
    if (setOnPromotion.has(variable.name)) continue;
    if (variable.value) defaults.push(variable);
    else if (!setOnStep.has(variable.name)) missing(variable.name);
  }
  return [...defaults, ...referencingVars];
}
