// Reads what `kargo promote` prints without -o, as Kargo's CLI prints it:
// `promotion.kargo.akuity.io/NAME promotion created`, one line per Promotion.

const LINE = /^promotion\.kargo\.akuity\.io\/(\S+) promotion created$/;

/** The Promotion names in promote's stdout, in order; a line of another shape fails the test. */
export function promotionNames(stdout: string): string[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = LINE.exec(line);
      if (!match?.[1]) throw new Error(`not a "promotion created" line: ${JSON.stringify(line)}`);
      return match[1];
    });
}

/** The one Promotion name in promote's stdout. */
export function promotionName(stdout: string): string {
  const names = promotionNames(stdout);
  if (names.length !== 1) throw new Error(`expected one promotion line, got ${names.length}: ${JSON.stringify(stdout)}`);
  return names[0] as string;
}
