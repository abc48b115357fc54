// Everything git needs besides its arguments: an isolated home directory
// (holding the repository's user identity), credentials handed over through
// GIT_ASKPASS and environment variables (never on a command line, never on
// disk), and no terminal prompts. The parent's environment is not inherited,
// so a GIT_DIR or a user's ~/.gitconfig cannot leak in.

import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit, type GitOutput } from './command.js';

export interface GitCredentials {
  username: string;
  password: string;
}

export interface GitSession {
  /** The virtual HOME of the clone (Kargo's `repo-XXXX` directory). */
  homeDir: string;
  credentials?: GitCredentials;
  signal?: AbortSignal;
}

const ASKPASS_FILE = 'askpass.sh';

// The script only echoes variables it is given; it holds no secret itself.
const ASKPASS_SCRIPT = `#!/bin/sh
case "$1" in
  Username*) printf '%s\\n' "$KARGO_GIT_USERNAME" ;;
  *) printf '%s\\n' "$KARGO_GIT_PASSWORD" ;;
esac
`;

const INHERITED = ['PATH', 'TMPDIR', 'http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'];

/** Writes the askpass helper into the session's home (needed once per clone that has credentials). */
export async function installAskPass(homeDir: string): Promise<void> {
  const path = join(homeDir, ASKPASS_FILE);
  await writeFile(path, ASKPASS_SCRIPT, { mode: 0o700 });
  await chmod(path, 0o700);
}

export function gitEnvironment(session: GitSession, extra: Record<string, string> = {}, parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of INHERITED) if (parent[name] !== undefined) env[name] = parent[name];
  Object.assign(env, {
    HOME: session.homeDir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    // Kargo's stall detector: abort a transfer below 1 KiB/s for 30 s.
    GIT_HTTP_LOW_SPEED_LIMIT: '1024',
    GIT_HTTP_LOW_SPEED_TIME: '30',
    // SSH keys are not served by this engine; ssh must fail rather than ask.
    GIT_SSH_COMMAND: 'ssh -o BatchMode=yes',
  });
  if (session.credentials?.password) {
    env.GIT_ASKPASS = join(session.homeDir, ASKPASS_FILE);
    env.KARGO_GIT_USERNAME = session.credentials.username;
    env.KARGO_GIT_PASSWORD = session.credentials.password;
  }
  return { ...env, ...extra };
}

/** Runs git in `dir` for this session, secrets masked in any error. */
export function gitIn(dir: string, session: GitSession, extraEnv: Record<string, string> = {}) {
  const secrets = session.credentials?.password ? [session.credentials.password] : [];
  return (args: readonly string[]): Promise<GitOutput> => runGit(args, { cwd: dir, env: gitEnvironment(session, extraEnv), signal: session.signal, secrets });
}
