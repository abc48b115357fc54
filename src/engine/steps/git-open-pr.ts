// git-open-pr: needs a Git hosting provider's API; config checked, then refused.

import { array, boolean, nonEmptyString, object, string } from '../config-schema.js';
import { PROVIDERS, unsupportedStep } from './unsupported.js';

export const gitOpenPrStep = unsupportedStep(
  'git-open-pr',
  object(
    {
      repoURL: nonEmptyString({ format: 'uri' }),
      sourceBranch: nonEmptyString(),
      targetBranch: nonEmptyString(),
      createTargetBranch: boolean(),
      insecureSkipTLSVerify: boolean(),
      provider: string({ enum: PROVIDERS }),
      title: nonEmptyString(),
      description: nonEmptyString(),
      labels: array(nonEmptyString()),
    },
    { required: ['repoURL', 'sourceBranch', 'targetBranch'] },
  ),
  "a Git hosting provider's pull request API",
);
