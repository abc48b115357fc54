// git-clone's config as Kargo's schema (GitCloneConfig) declares it; the
// author shape is shared with git-commit's deprecated per-commit author.

import { array, boolean, defineConfig, enumOf, nonEmptyString, object, string, when } from '../config-schema.js';

export interface GitAuthorConfig {
  name: string;
  email: string;
  signingKey?: string;
}

export interface GitCheckoutConfig {
  path: string;
  as?: string;
  branch?: string;
  commit?: string;
  tag?: string;
  create?: boolean;
  sparse?: string[];
}

export interface GitCloneConfig {
  repoURL: string;
  checkout: GitCheckoutConfig[];
  author?: GitAuthorConfig;
  insecureSkipTLSVerify?: boolean;
  recurseSubmodules?: boolean;
  blobless?: boolean;
}

export const authorSchema = object({ email: string({ format: 'email' }), name: nonEmptyString(), signingKey: string() }, { required: ['name', 'email'] });

const unset = enumOf(null, '');
const checkoutSchema = object(
  {
    as: string(),
    branch: string(),
    commit: string(),
    create: boolean(),
    path: nonEmptyString(),
    tag: string(),
    sparse: array(nonEmptyString(), { minItems: 1 }),
  },
  {
    required: ['path'],
    oneOf: [
      when([], { branch: unset, commit: unset, tag: unset }),
      when(['branch'], { branch: nonEmptyString(), commit: unset, tag: unset }),
      when(['commit'], { branch: unset, commit: nonEmptyString(), tag: unset }),
      when(['tag'], { branch: unset, commit: unset, tag: nonEmptyString() }),
    ],
  },
);

export const validateGitCloneConfig = defineConfig(
  'git-clone',
  object(
    {
      insecureSkipTLSVerify: boolean(),
      recurseSubmodules: boolean(),
      blobless: boolean(),
      repoURL: nonEmptyString(),
      author: authorSchema,
      checkout: array(checkoutSchema, { minItems: 1 }),
    },
    { required: ['repoURL', 'checkout'] },
  ),
);
