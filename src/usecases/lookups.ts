// Reading the one Stage or Promotion a command names, with the not-found message
// (exit 3) that says where to look instead.

import { ExitCode } from '../cli/exit-codes.js';
import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Promotion, Stage } from '../model/kargo.js';
import { fail } from './workflow-error.js';

export async function getStage(client: KubeClient, project: string, name: string): Promise<Stage> {
  try {
    return await client.get<Stage>(resources.stage, name, project);
  } catch (error) {
    if (isNotFound(error)) {
      fail(ExitCode.NotFound, `Stage "${name}" not found in project "${project}". List the project's stages with \`kargo get stages -p ${project}\`.`);
    }
    throw error;
  }
}

export async function getPromotion(client: KubeClient, project: string, name: string): Promise<Promotion> {
  try {
    return await client.get<Promotion>(resources.promotion, name, project);
  } catch (error) {
    if (isNotFound(error)) {
      fail(ExitCode.NotFound, `Promotion "${name}" not found in project "${project}". List promotions with \`kargo get promotions -p ${project}\`.`);
    }
    throw error;
  }
}
