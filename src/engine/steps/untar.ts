// untar: extract a (gzipped) tarball into a directory of the working
// directory. Entries go to a temporary directory first, which then replaces
// the output directory, so a failed extraction changes nothing. Entries that
// would escape the output directory are skipped (as Kargo does) and named in
// the step's message.

import { mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Parser } from 'tar';
import type { ReadEntry } from 'tar';
import { defineConfig, integer, nonEmptyString, object } from '../config-schema.js';
import { errorMessage, fsReason } from '../files/fs-errors.js';
import { entryKind, ruleMatcher, symlinkStaysInside } from '../files/tar-entry-rules.js';
import type { StepRunner } from '../step.js';
import { PathEscapeError, resolveInWorkDir } from '../workdir.js';

export interface UntarConfig {
  inPath: string;
  outPath: string;
  stripComponents?: number;
  ignore?: string;
}

const MAX_FILE_BYTES = 50 * 1024 * 1024;
const MAX_TOTAL_BYTES = 100 * 1024 * 1024;

export const untarStep: StepRunner<UntarConfig> = {
  kind: 'untar',
  validate: defineConfig(
    'untar',
    object(
      { inPath: nonEmptyString(), outPath: nonEmptyString(), stripComponents: integer({ minimum: 0 }), ignore: nonEmptyString() },
      { required: ['inPath', 'outPath'] },
    ),
  ),
  async run(context, config) {
    const inPath = resolveInWorkDir(context.workDir, config.inPath);
    const outPath = resolveInWorkDir(context.workDir, config.outPath);
    if (outPath === resolveInWorkDir(context.workDir, '.')) {
      throw new PathEscapeError(
        `outPath ${JSON.stringify(config.outPath)} is the working directory itself; untar replaces its output directory, so name a subdirectory`,
      );
    }
    const temp = await mkdtemp(join(context.workDir, '.untar-'));
    try {
      const refused = await extract(inPath, temp, config);
      await mkdir(dirname(outPath), { recursive: true });
      await rm(outPath, { recursive: true, force: true });
      await rename(temp, outPath);
      if (refused.length === 0) return { status: 'Succeeded' };
      return { status: 'Succeeded', message: `skipped ${refused.length} unsafe tar entr${refused.length === 1 ? 'y' : 'ies'}: ${refused.join('; ')}` };
    } catch (error) {
      throw new Error(`failed to extract tar file ${JSON.stringify(config.inPath)}: ${errorMessage(error)}`);
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  },
};

/** Extracts into `root`; resolves with a description of each refused entry. */
async function extract(archive: string, root: string, config: UntarConfig): Promise<string[]> {
  const decide = ruleMatcher({ stripComponents: config.stripComponents ?? 0, ignore: config.ignore });
  const refused: string[] = [];
  let total = 0;
  const parser: Parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry): void => {
      try {
        handle(entry);
      } catch (error) {
        parser.abort(error as Error);
      }
    },
  });
  const handle = (entry: ReadEntry): void => {
    const kind = entryKind(entry.type);
    const verdict = kind ? decide(entry.path, kind) : undefined;
    if (verdict?.action === 'refuse') refused.push(`${JSON.stringify(verdict.path)} ${verdict.why}`);
    if (!kind || verdict?.action !== 'extract') return void entry.resume();
    const target = join(root, verdict.path);
    mkdirSync(dirname(target), { recursive: true, mode: 0o750 });
    if (kind === 'directory') {
      mkdirSync(target, { recursive: true, mode: 0o750 });
      return void entry.resume();
    }
    if (kind === 'symlink') {
      const link = entry.linkpath ?? '';
      if (symlinkStaysInside(verdict.path, link)) symlinkSync(link, target);
      else refused.push(`${JSON.stringify(entry.path)} links outside the output directory (${JSON.stringify(link)})`);
      return void entry.resume();
    }
    if (entry.size > MAX_FILE_BYTES) {
      throw new Error(`extraction aborted: file ${verdict.path} exceeds size limit of ${MAX_FILE_BYTES} bytes`);
    }
    if ((total += entry.size) > MAX_TOTAL_BYTES) {
      throw new Error(`extraction aborted: total size would exceed limit of ${MAX_TOTAL_BYTES} bytes`);
    }
    const chunks: Buffer[] = [];
    entry.on('data', (chunk: Buffer) => chunks.push(chunk));
    entry.on('end', () => {
      try {
        writeFileSync(target, Buffer.concat(chunks), { mode: (entry.mode ?? 0o600) & 0o777 || 0o600 });
        if (entry.mtime) utimesSync(target, entry.mtime, entry.mtime);
      } catch (error) {
        parser.abort(error as Error);
      }
    });
  };
  try {
    await pipeline(createReadStream(archive), parser);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') throw new Error(`failed to open tar file ${JSON.stringify(config.inPath)}: ${fsReason(error)}`);
    throw new Error(`error reading tar: ${errorMessage(error)}`);
  }
  return refused;
}
