// git-merge-pr: needs a Git hosting provider's API; config checked, then refused.

import { boolean, goDuration, integer, nonEmptyString, object, string } from '../config-schema.js';
import { PROVIDERS, unsupportedStep } from './unsupported.js';

export const gitMergePrStep = unsupportedStep(
  'git-merge-pr',
  object(
    {
      repoURL: nonEmptyString({ format: 'uri' }),
      prNumber: integer({ minimum: 1 }),
      provider: string({ enum: PROVIDERS }),
      insecureSkipTLSVerify: boolean(),
      wait: boolean(),
      pollInterval: goDuration(),
      mergeMethod: nonEmptyString(),
    },
    { required: ['repoURL', 'prNumber'] },
  ),
  "a Git hosting provider's pull request API",
);
