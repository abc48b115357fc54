import { expect, it } from 'vitest';
import { isTerminalPromotionPhase } from '../../src/model/phases.js';

it.each([
  ['Succeeded', true],
  ['Failed', true],
  ['Errored', true],
  ['Aborted', true],
  ['Running', false],
  ['Pending', false],
  ['', false], // just created, not yet seen by the controller
  [undefined, false],
] as const)('isTerminalPromotionPhase(%j) is %s', (phase, terminal) => {
  expect(isTerminalPromotionPhase(phase)).toBe(terminal);
});
