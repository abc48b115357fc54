// set-freight-alias: gives a Freight of the project a new alias (the field
// and the `kargo.akuity.io/alias` label, as Kargo keeps both).

import { resources } from '../../kube/resources.js';
import type { Freight } from '../../model/kargo.js';
import { ALIAS_LABEL } from '../../model/labels.js';
import { defineConfig, nonEmptyString, object } from '../config-schema.js';
import { isNotFoundError } from '../kube-resources.js';
import { TerminalStepError, type StepRunner } from '../step.js';

export interface SetFreightAliasConfig {
  name: string;
  alias: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const failed = (text: string) => new TerminalStepError(text, { status: 'Failed' });

export const setFreightAliasStep: StepRunner<SetFreightAliasConfig> = {
  kind: 'set-freight-alias',
  validate: defineConfig('set-freight-alias', object({ name: nonEmptyString(), alias: nonEmptyString() }, { required: ['name', 'alias'] })),
  async run(context, config) {
    const where = `in project ${JSON.stringify(context.project)}`;
    let freight: Freight;
    try {
      freight = await context.client.get<Freight>(resources.freight, config.name, context.project);
    } catch (error) {
      if (isNotFoundError(error)) throw failed(`freight ${JSON.stringify(config.name)} not found ${where}`);
      throw failed(`failed to fetch Freight ${JSON.stringify(config.name)} ${where}: ${message(error)}`);
    }
    try {
      await context.client.patch(
        resources.freight,
        config.name,
        { metadata: { labels: { [ALIAS_LABEL]: config.alias } }, alias: config.alias },
        context.project,
        { patchType: 'merge' },
      );
    } catch (error) {
      throw failed(`failed to patch alias for Freight ${JSON.stringify(config.name)} ${where}: ${message(error)}`);
    }
    return {
      status: 'Succeeded',
      message: `updated alias of Freight ${JSON.stringify(config.name)} from ${JSON.stringify(freight.alias ?? '')} to ${JSON.stringify(config.alias)}`,
    };
  },
};
