import { describe, expect, it } from 'vitest';
import { parseConfigYaml } from '../../src/runtime/config-yaml.js';

describe('parseConfigYaml', () => {
  it('reads a kubeconfig with the core schema: timestamps stay strings, << is a plain key', () => {
    const text = [
      'users:',
      '- name: gke',
      '  user:',
      '    auth-provider:',
      '      config: {expiry: 2019-01-01T00:00:00Z, access-token: "x"}',
      'clusters: [{name: c, cluster: {server: "https://h", insecure-skip-tls-verify: true}}]',
      '<<: {merged: 1}',
      '',
    ].join('\n');
    expect(parseConfigYaml(text)).toEqual({
      users: [{ name: 'gke', user: { 'auth-provider': { config: { expiry: '2019-01-01T00:00:00Z', 'access-token': 'x' } } } }],
      clusters: [{ name: 'c', cluster: { server: 'https://h', 'insecure-skip-tls-verify': true } }],
      '<<': { merged: 1 },
    });
  });

  it('gives nothing for an empty or comment-only file', () => {
    expect(parseConfigYaml('')).toBeUndefined();
    expect(parseConfigYaml('# nothing yet\n')).toBeNull();
  });

  it.each([
    ['clusters: [\n', 'unexpected end of the stream within a flow collection at line 2, column 1'],
    ['a: 1\na: 2\n', 'duplicated mapping key at line 2, column 1'],
    ['a: 1\n---\nb: 2\n', 'expected a single document in the stream, but found more'],
  ])('refuses %j with one line that says where', (text, message) => {
    expect(() => parseConfigYaml(text)).toThrow(new Error(message));
  });
});
