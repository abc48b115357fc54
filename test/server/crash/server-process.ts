// A server process for the crash test: serves `stateDir` on 127.0.0.1, writes an
// admin kubeconfig beside it, prints `ready` and runs until it is killed.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../../src/server/index.js';

const stateDir = process.argv[2];
if (!stateDir) throw new Error('usage: server-process.ts STATE_DIR');
const server = await startServer({ stateDir, log: (line) => process.stderr.write(`${line}\n`) });
writeFileSync(join(stateDir, 'admin.kubeconfig'), server.kubeconfig(), { mode: 0o600 });
process.stdout.write('ready\n');
