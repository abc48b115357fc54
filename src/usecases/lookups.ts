// Reading the one Stage or Promotion a command names, with the not-found message
// (exit 3) that says where to look instead.

import type { KubeClient } from '../kube/client.js';
import { isNotFound } from '../kube/errors.js';
import { resources } from '../kube/resources.js';
import type { Promotion, Stage } from '../model/kargo.js';
import { promotionNotFound, stageNotFound } from './not-found.js';

export async function getStage(client: KubeClient, project: string, name: string): Promise<Stage> {
  try {
    return await client.get<Stage>(resources.stage, name, project);
  } catch (error) {
    if (isNotFound(error)) throw stageNotFound(name, project);
    throw error;
  }
}

export async function getPromotion(client: KubeClient, project: string, name: string): Promise<Promotion> {
  try {
    return await client.get<Promotion>(resources.promotion, name, project);
  } catch (error) {
    if (isNotFound(error)) throw promotionNotFound(name, project);
    throw error;
  }
}
