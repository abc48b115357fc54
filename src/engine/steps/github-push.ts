// github-push: needs GitHub's commit API (for verified commits); config
// checked, then refused. Plain git-push covers pushing to a branch.

import { boolean, constOf, enumOf, integer, nonEmptyString, object, string, when } from '../config-schema.js';
import { unsupportedStep } from './unsupported.js';

const noTargetBranch = enumOf('', null);
const notGenerated = enumOf(false, null);

export const githubPushStep = unsupportedStep(
  'github-push',
  object(
    {
      path: nonEmptyString(),
      generateTargetBranch: boolean(),
      targetBranch: string(),
      force: boolean(),
      maxAttempts: integer({ minimum: 1, maximum: 2147483647 }),
      insecureSkipTLSVerify: boolean(),
    },
    {
      required: ['path'],
      oneOf: [
        when(['generateTargetBranch'], { generateTargetBranch: constOf(true), targetBranch: noTargetBranch }),
        when(['targetBranch'], { generateTargetBranch: notGenerated, targetBranch: { minLength: 1 } }),
        when([], { generateTargetBranch: notGenerated, targetBranch: noTargetBranch }),
      ],
    },
  ),
  "GitHub's API",
);
