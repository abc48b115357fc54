// http-download: GET a URL into a file of the working directory, through a
// temporary file renamed into place, so a failed download leaves nothing.

import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseGoDuration } from '../../rules/duration.js';
import { array, boolean, defineConfig, goDuration, nonEmptyString, object } from '../config-schema.js';
import { nameValueSchema } from '../files/config-parts.js';
import { errorMessage, isMissing } from '../files/fs-errors.js';
import { openRequest } from '../files/http-request.js';
import type { NameValue } from '../files/http-request.js';
import { TerminalStepError } from '../step.js';
import type { StepRunner } from '../step.js';
import { resolveInWorkDir } from '../workdir.js';

export interface HttpDownloadConfig {
  url: string;
  outPath: string;
  allowOverwrite?: boolean;
  headers?: NameValue[];
  queryParams?: NameValue[];
  insecureSkipTLSVerify?: boolean;
  timeout?: string;
}

const MAX_DOWNLOAD_BYTES = 100 << 20;

export const httpDownloadStep: StepRunner<HttpDownloadConfig> = {
  kind: 'http-download',
  validate: defineConfig(
    'http-download',
    object(
      {
        url: nonEmptyString(),
        outPath: nonEmptyString(),
        allowOverwrite: boolean(),
        headers: array(nameValueSchema),
        queryParams: array(nameValueSchema),
        insecureSkipTLSVerify: boolean(),
        timeout: goDuration(),
      },
      { required: ['url', 'outPath'] },
    ),
  ),
  async run(context, config) {
    const outPath = resolveInWorkDir(context.workDir, config.outPath);
    if (!config.allowOverwrite && (await exists(outPath))) {
      throw new TerminalStepError(`file already exists at ${config.outPath} and overwrite is not allowed`);
    }
    await mkdir(dirname(outPath), { recursive: true });
    let timeoutMs: number;
    try {
      timeoutMs = parseGoDuration(config.timeout ?? '5m');
    } catch (error) {
      throw new TerminalStepError(`error creating HTTP client: error parsing timeout: ${errorMessage(error)}`);
    }
    const open = await openRequest({ ...config, method: 'GET', timeoutMs, signal: context.signal }).catch((error: unknown) => {
      throw new Error(`error sending HTTP request: ${errorMessage(error)}`);
    });
    const status = open.response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      open.response.resume();
      throw new Error(`HTTP request failed with status ${status}`);
    }
    if (Number(open.response.headers['content-length'] ?? -1) > MAX_DOWNLOAD_BYTES) {
      open.response.destroy();
      throw new TerminalStepError(`download exceeds limit of ${MAX_DOWNLOAD_BYTES} bytes`);
    }
    const temp = join(dirname(outPath), `${basename(outPath)}.tmp-${randomBytes(6).toString('hex')}`);
    try {
      await pipeline(open.response, limitTo(MAX_DOWNLOAD_BYTES), createWriteStream(temp, { mode: 0o600 }), { signal: open.signal });
      await rename(temp, outPath);
    } catch (error) {
      await rm(temp, { force: true });
      throw new Error(`failed to download ${JSON.stringify(config.url)}: ${errorMessage(error)}`);
    }
    return { status: 'Succeeded' };
  },
};

function limitTo(maxBytes: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new Error(`download exceeds limit of ${maxBytes} bytes`));
      callback(null, chunk);
    },
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw new Error(`error checking destination file: ${errorMessage(error)}`);
  }
}
