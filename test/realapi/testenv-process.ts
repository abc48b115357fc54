// Starts the kube-testenv binary (embedded etcd + real kube-apiserver) and
// stops it without leaving an orphan: close stdin, then SIGTERM, then SIGKILL.

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface TestenvReady {
  server: string;
  version: string;
  dir: string;
  /** Kubeconfig path by user name; `admin` is in system:masters. */
  kubeconfigs: Record<string, string>;
  startupMillis: number;
}

export interface TestenvOptions {
  binary: string;
  dir: string;
  /** `name` or `name:group,group`; tokens exist only for users declared here. */
  users: string[];
  crdDirs: string[];
  /** Extra kube-apiserver flags. */
  apiserverFlags?: string[];
  readyTimeoutMs?: number;
}

export interface RunningTestenv extends TestenvReady {
  logFile: string;
  stop(): Promise<void>;
}

const STDIN_CLOSE_GRACE_MS = 15_000;
const SIGTERM_GRACE_MS = 5_000;

export async function startTestenv(options: TestenvOptions): Promise<RunningTestenv> {
  const logFile = join(options.dir, 'testenv.log');
  const args = ['--dir', options.dir];
  for (const user of options.users) args.push('--user', user);
  for (const dir of options.crdDirs) args.push('--crd-dir', dir);
  if (options.apiserverFlags?.length) args.push('--', ...options.apiserverFlags);

  const child = spawn(options.binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stderr.pipe(log);
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    await stopChild(child);
    process.removeListener('exit', killOnExit);
    log.end();
  };

  try {
    const ready = await readReadyLine(child, options.readyTimeoutMs ?? 120_000);
    return { ...ready, logFile, stop };
  } catch (error) {
    await stop();
    const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`kube-testenv did not become ready: ${(error as Error).message}\n--- ${logFile} (tail) ---\n${tail}`);
  }
}

function readReadyLine(child: ChildProcess, timeoutMs: number): Promise<TestenvReady> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => finish(new Error(`no ready line after ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null, signal: string | null): void => finish(new Error(`exited early (code ${code}, signal ${signal})`));
    child.once('exit', onExit);
    child.once('error', (error) => finish(error));
    lines.on('line', (line) => {
      const parsed = parseReadyLine(line);
      if (parsed) finish(undefined, parsed);
    });
    function finish(error?: Error, ready?: TestenvReady): void {
      clearTimeout(timer);
      child.removeListener('exit', onExit);
      lines.removeAllListeners('line');
      if (ready) resolve(ready);
      else reject(error);
    }
  });
}

function parseReadyLine(line: string): TestenvReady | undefined {
  if (!line.startsWith('{')) return undefined;
  const value = JSON.parse(line) as Partial<TestenvReady> & { ready?: unknown };
  if (value.ready !== true || typeof value.server !== 'string' || typeof value.kubeconfigs !== 'object') return undefined;
  return value as TestenvReady;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  if (await settlesWithin(exited, STDIN_CLOSE_GRACE_MS)) return;
  child.kill('SIGTERM');
  if (await settlesWithin(exited, SIGTERM_GRACE_MS)) return;
  child.kill('SIGKILL');
  await exited;
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const result = await Promise.race([promise.then(() => true as const), timeout]);
  clearTimeout(timer);
  return result;
}

export async function removeTestenvDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
