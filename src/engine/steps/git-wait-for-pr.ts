// git-wait-for-pr: needs a Git hosting provider's API; config checked, then refused.

import { boolean, goDuration, integer, nonEmptyString, object, string } from '../config-schema.js';
import { PROVIDERS, unsupportedStep } from './unsupported.js';

export const gitWaitForPrStep = unsupportedStep(
  'git-wait-for-pr',
  object(
    {
      repoURL: nonEmptyString({ format: 'uri' }),
      prNumber: integer({ minimum: 1 }),
      provider: string({ enum: PROVIDERS }),
      insecureSkipTLSVerify: boolean(),
      pollInterval: goDuration(),
    },
    { required: ['repoURL', 'prNumber'] },
  ),
  "a Git hosting provider's pull request API",
);
