// kargo's own settings file: `$XDG_CONFIG_HOME/kargo/config.yaml` (default
// ~/.config/kargo/config.yaml). Today it holds the default project.

import { mkdir, readFile } from 'node:fs/promises';
import { Failure } from '../runtime/failure.js';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../runtime/atomic-file.js';
import { parseConfigYaml, stringifyConfigYaml } from '../runtime/config-yaml.js';

export interface UserConfig {
  project?: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

function userConfigPath(env: Environment): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME ?? env.USERPROFILE ?? '.', '.config');
  return join(base, 'kargo', 'config.yaml');
}

export async function readUserConfig(env: Environment): Promise<UserConfig> {
  const path = userConfigPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = parseConfigYaml(text);
  } catch (error) {
    throw new Failure('usage', `${path} is not valid YAML: ${(error as Error).message}`, 'Fix or delete the file.');
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Failure('usage', `${path} must hold a YAML mapping`, 'Fix or delete the file.');
  }
  const project = (parsed as Record<string, unknown>).project;
  return typeof project === 'string' && project ? { project } : {};
}

export async function writeUserConfig(env: Environment, config: UserConfig): Promise<string> {
  const path = userConfigPath(env);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic(path, stringifyConfigYaml(config), 0o600);
  return path;
}
