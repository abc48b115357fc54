// set-metadata: writes key/values into `status.metadata` of Stages and
// Freight in the Promotion's project.

import { resources } from '../../kube/resources.js';
import { anyObject, array, defineConfig, nonEmptyString, object, string } from '../config-schema.js';
import type { StepRunner } from '../step.js';

export interface SetMetadataConfig {
  updates: { kind: 'Stage' | 'Freight'; name: string; values: Record<string, unknown> }[];
}

const validate = defineConfig(
  'set-metadata',
  object(
    {
      updates: array(
        object(
          { kind: string({ enum: ['Stage', 'Freight'] }), name: nonEmptyString(), values: anyObject({ minProperties: 1 }) },
          { required: ['kind', 'name', 'values'] },
        ),
        { minItems: 1 },
      ),
    },
    { required: ['updates'] },
  ),
);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const setMetadataStep: StepRunner<SetMetadataConfig> = {
  kind: 'set-metadata',
  validate,
  async run(context, config) {
    for (const update of config.updates) {
      const type = update.kind === 'Stage' ? resources.stage : resources.freight;
      try {
        await context.client.get(type, update.name, context.project);
      } catch (error) {
        throw new Error(`error getting ${update.kind}: ${message(error)}`);
      }
      try {
        await context.client.patch(type, update.name, { status: { metadata: update.values } }, context.project, {
          subresource: 'status',
          patchType: 'merge',
        });
      } catch (error) {
        throw new Error(
          `error patching status of ${update.kind} ${JSON.stringify(update.name)} in namespace ${JSON.stringify(context.project)}: ${message(error)}`,
        );
      }
    }
    return { status: 'Succeeded' };
  },
};
