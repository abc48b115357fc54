#!/usr/bin/env node
// Shell completion for `kubectl kargo`: kubectl runs kubectl_complete-kargo with the
// words after `kargo` (the last one being completed) and reads cobra's answer,
// which `kargo __complete-line` prints. CommonJS with import(), so it loads the
// launcher whichever module type bin/ uses.
process.argv.splice(2, 0, '__complete-line', '--');
import('./kargo.js');
