// Kubernetes naming rules for what users pass as names.

import { describe, expect, it } from 'vitest';
import { nameProblem } from '../../src/rules/kubernetes-names.js';

describe('nameProblem', () => {
  it.each([
    ['my-web-app', 'project'],
    ['staging-us', 'object'],
    ['staging-us.01jdx3q8v6n2k9w4r7t5y1m3bz.59ff495', 'object'],
    ['59ff495f5332c86b41ef35483da123fdc033fb84', 'object'],
    ['quiet-lynx', 'alias'],
    ['Release_1.6', 'alias'],
    ['quiet-lynx', 'object-or-alias'],
    ['Release_1.6', 'object-or-alias'],
  ] as const)('accepts %s as %s', (name, rule) => {
    expect(nameProblem(name, rule)).toBeUndefined();
  });

  it.each([
    ['', 'object', 'must not be empty'],
    ['', 'project', 'must not be empty'],
    ['Staging', 'object', 'is not a valid name: use lowercase letters, digits, "-" and ".", starting and ending with a letter or digit'],
    ['-dev', 'object', 'is not a valid name'],
    ['dev/../x', 'object', 'is not a valid name'],
    ['my.project', 'project', 'is not a valid name: use lowercase letters, digits and "-"'],
    ['a'.repeat(64), 'project', 'is 64 characters long; at most 63 are allowed'],
    ['a'.repeat(254), 'object', 'is 254 characters long; at most 253 are allowed'],
    ['has space', 'alias', 'is not a valid name'],
    ['?', 'object-or-alias', 'is not a valid name'],
  ] as const)('refuses "%s" as %s', (name, rule, problem) => {
    expect(nameProblem(name, rule)).toContain(problem);
  });
});
