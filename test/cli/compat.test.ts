// Spellings of Kargo's own CLI that scripts use, accepted here: login, logout and
// server answered with one line (this kargo uses the kubeconfig).

import { describe, expect, it } from 'vitest';
import { isolatedHome, runKargo } from './support/run-kargo.js';

describe("Kargo CLI's API-server commands", () => {
  it.each([
    ['login', ['login', 'https://kargo.example.com', '--sso']],
    ['login', ['login', '--admin', '--password', 'x']],
    ['logout', ['logout']],
    ['server', ['server', '--address', ':8080']],
  ])('%s answers with one line on stderr and exits 2', async (name, argv) => {
    const result = await runKargo(argv, { env: isolatedHome() });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(new RegExp(`^error: kargo ${name} is not (needed|available): this kargo talks to the cluster through your kubeconfig`));
  });
});

describe('config view --raw', () => {
  it('is accepted and prints the settings as config view does', async () => {
    const env = isolatedHome();
    await runKargo(['config', 'set-project', 'my-web-app'], { env });
    const plain = await runKargo(['config', 'view', '-o', 'json'], { env });
    const raw = await runKargo(['config', 'view', '--raw', '-o', 'json'], { env });
    expect(raw.code).toBe(0);
    expect(raw.stdout).toBe(plain.stdout);
    expect(JSON.parse(raw.stdout)).toMatchObject({ project: 'my-web-app' });
  });
});
