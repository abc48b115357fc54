// What the git steps need from the engine's configuration (Kargo takes these
// from its controller's environment).

import { DEFAULT_CREDENTIALS_OPTIONS, type CredentialsOptions } from '../credentials/database.js';
import type { GitUser } from './identity.js';
import { KeyedLock } from './keyed-lock.js';

export interface GitStepOptions {
  credentials: CredentialsOptions;
  /** The identity for clones whose config names no author (Kargo's GITCLIENT_NAME/EMAIL); gaps get Kargo's default. */
  systemUser: GitUser;
  /** Serialises pushes to one repository branch across promotions. */
  pushLock: KeyedLock;
  /** Jitter source for push retries. */
  random: () => number;
}

export function gitStepOptions(overrides: Partial<GitStepOptions> = {}): GitStepOptions {
  return {
    credentials: DEFAULT_CREDENTIALS_OPTIONS,
    systemUser: {},
    pushLock: new KeyedLock(),
    random: Math.random,
    ...overrides,
  };
}
