// Finding docker or podman on PATH, for job metrics the user opted into.

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findContainerRuntime(pathVariable: string | undefined): string | undefined {
  for (const name of ['docker', 'podman']) {
    for (const dir of (pathVariable ?? '').split(delimiter)) {
      if (!dir) continue;
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
