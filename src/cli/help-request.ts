// `kargo help CMD [SUB...]` is answered as `kargo CMD [SUB...] --help`, so it
// reaches nested commands (commander's own help command stops at one level)
// and exits 0 like any requested help.

/** argv with a leading `help` word (after global flags) turned into a trailing `--help`. */
export function helpRequestAsFlag(argv: readonly string[], valueFlags: ReadonlySet<string>): string[] {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--') break;
    if (valueFlags.has(arg)) index += 1;
    else if (!arg.startsWith('-')) {
      if (arg !== 'help') break;
      return [...argv.slice(0, index), ...argv.slice(index + 1), '--help'];
    }
  }
  return [...argv];
}
