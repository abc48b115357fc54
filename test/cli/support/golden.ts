import { goldenFiles } from '../../support/golden.js';

export const expectGolden = goldenFiles('cli');
