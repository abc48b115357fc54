// The users kube-testenv is started with. A real apiserver authenticates only
// tokens it was given at start, so every test user is declared here up front.
// None of them has any permission until a test binds a Role to it.

export interface DeclaredUser {
  name: string;
  groups: string[];
}

export const DECLARED_USERS: readonly DeclaredUser[] = [
  { name: 'alice', groups: [] },
  { name: 'bob', groups: [] },
  { name: 'carol', groups: [] },
  { name: 'dave', groups: [] },
  { name: 'erin', groups: ['kargo-viewers'] },
  { name: 'frank', groups: ['kargo-promoters'] },
  { name: 'grace', groups: ['team-a', 'team-b'] },
];

export function userFlag(user: DeclaredUser): string {
  return user.groups.length === 0 ? user.name : `${user.name}:${user.groups.join(',')}`;
}

export function findDeclaredUser(name: string, groups: readonly string[] = []): DeclaredUser | undefined {
  const wanted = [...groups].sort().join(',');
  return DECLARED_USERS.find((user) => user.name === name && [...user.groups].sort().join(',') === wanted);
}
