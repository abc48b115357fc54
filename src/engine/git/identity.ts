// Who commits: the author a step's config names, else the system identity
// (Kargo's GITCLIENT_NAME / GITCLIENT_EMAIL), else Kargo's own default. A
// missing name or email falls back on its own, as Kargo's setupUser does.

export interface GitUser {
  name?: string;
  email?: string;
  /** GPG signing is not supported by this engine; a step refuses a config that asks for it. */
  signingKey?: string;
}

export const KARGO_DEFAULT_USER = { name: 'Kargo', email: 'no-reply@kargo.io' } as const;

export function effectiveUser(user: GitUser | undefined): { name: string; email: string } {
  return {
    name: user?.name || KARGO_DEFAULT_USER.name,
    email: user?.email || KARGO_DEFAULT_USER.email,
  };
}

/** Environment variables that make one git command author and commit as `user`. */
export function identityEnvironment(user: GitUser): Record<string, string> {
  const { name, email } = effectiveUser(user);
  return { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
}
