// The stand-in's running workloads, one per Application, each on its own
// 127.0.0.1 port. Ports are kept in <dir>/workloads.json so an Application
// keeps its URL across sandbox restarts (verification args name it); an
// Application's port annotation, when set, decides.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../runtime/atomic-file.js';
import { appKey, PORT_ANNOTATION, type Application } from './application.js';
import { startWorkload, type Workload } from './workload-server.js';

export interface WorkloadRecord {
  port: number;
  url: string;
  version?: string;
  broken?: boolean;
}

export class Workloads {
  private readonly running = new Map<string, Workload>();
  private readonly records: Record<string, WorkloadRecord>;
  private readonly file: string;

  constructor(
    dir: string,
    private readonly log: (line: string) => void,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.file = join(dir, 'workloads.json');
    this.records = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, WorkloadRecord>) : {};
  }

  has(app: Application): boolean {
    return this.running.has(appKey(app));
  }

  /** The Application's workload, started on its port when not running yet. */
  async of(app: Application): Promise<Workload> {
    const key = appKey(app);
    const existing = this.running.get(key);
    if (existing) return existing;
    const wanted = Number(app.metadata.annotations?.[PORT_ANNOTATION] ?? this.records[key]?.port ?? 0);
    let workload: Workload;
    try {
      workload = await startWorkload(Number.isInteger(wanted) ? wanted : 0);
    } catch (error) {
      this.log(`argocd stand-in: port ${wanted} for ${key} is taken (${error instanceof Error ? error.message : String(error)}); using another`);
      workload = await startWorkload(0);
    }
    this.running.set(key, workload);
    this.record(key, { ...this.records[key], port: workload.port, url: workload.url });
    return workload;
  }

  record(key: string, record: WorkloadRecord): void {
    this.records[key] = record;
    writeFileAtomic(this.file, `${JSON.stringify(this.records, null, 2)}\n`, 0o600);
  }

  async remove(key: string): Promise<void> {
    await this.running.get(key)?.close();
    this.running.delete(key);
    delete this.records[key];
    writeFileAtomic(this.file, `${JSON.stringify(this.records, null, 2)}\n`, 0o600);
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((workload) => workload.close()));
    this.running.clear();
  }
}
