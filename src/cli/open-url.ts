// Opens an address in the user's browser: $BROWSER when set (as gh and xdg-open
// honour it), else the platform's opener. Never waits for the browser.

import { spawn } from 'node:child_process';

export function openerFor(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): [string, string[]] {
  const browser = env.BROWSER?.split(':')[0];
  if (browser) return [browser, []];
  if (platform === 'darwin') return ['open', []];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""']];
  return ['xdg-open', []];
}

/** Resolves once the opener has started (or rejects when it cannot be run). */
export function openUrl(url: string, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const [command, args] = openerFor(env);
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args, url], { detached: true, stdio: 'ignore', env: { ...process.env, ...env } });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
