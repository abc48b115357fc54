// "Not found" for the objects every command names, worded once.

import { Failure } from '../runtime/failure.js';

export function projectNotFound(project: string, cause?: unknown): Failure {
  return new Failure(
    'not-found',
    `project "${project}" does not exist (no namespace "${project}" in this cluster)`,
    'List projects with `kargo get projects`, or pick another with -p NAME.',
    { cause },
  );
}

export function stageNotFound(stage: string, project: string): Failure {
  return new Failure('not-found', `Stage "${stage}" not found in project "${project}"`, `List the project's stages with \`kargo get stages -p ${project}\`.`);
}

export function promotionNotFound(promotion: string, project: string): Failure {
  return new Failure('not-found', `Promotion "${promotion}" not found in project "${project}"`, `List promotions with \`kargo get promotions -p ${project}\`.`);
}

export function warehouseNotFound(warehouse: string, project: string): Failure {
  return new Failure(
    'not-found',
    `Warehouse "${warehouse}" not found in project "${project}"`,
    `List the project's warehouses with \`kargo get warehouses -p ${project}\`.`,
  );
}
