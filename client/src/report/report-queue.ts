// The reports made on this device, in IndexedDB (through Dexie): each names the ledger row
// it wrote and holds its photos until the server has the row and the photos are uploaded
// and attached; then only the record stays, for "My reports".
import type { PhotoRef } from '@civic-ledger/shared';
import { Dexie, type EntityTable } from 'dexie';

export interface QueuedPhoto {
  readonly name: string;
  readonly type: string;
  readonly data: ArrayBuffer;
}

/** queued: waiting for the server; sent: row and photos are there; refused: the server would not take it. */
export type ReportState = 'queued' | 'sent' | 'refused';

export interface QueuedReport {
  readonly rowId: string;
  /** The account that made it: a shared phone keeps each account's reports apart. */
  readonly username: string;
  readonly room: string;
  readonly siteName: string;
  readonly category: string;
  readonly description: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Photos not uploaded yet (emptied once attached). */
  readonly photos: readonly QueuedPhoto[];
  /** References of the photos uploaded so far, in upload order. */
  readonly uploaded: readonly PhotoRef[];
  readonly photoCount: number;
  readonly state: ReportState;
  /** Why the last attempt failed, in both languages' words from the server or the rules. */
  readonly error?: string;
}

class ReportDatabase extends Dexie {
  reports!: EntityTable<QueuedReport, 'rowId'>;

  constructor(name: string, deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    super(name, deps);
    this.version(1).stores({ reports: 'rowId, username, state' });
  }
}

export class ReportQueue {
  private readonly db: ReportDatabase;
  private readonly listeners = new Set<() => void>();

  constructor(
    name = 'civic-ledger-reports',
    deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange },
  ) {
    this.db = new ReportDatabase(name, deps);
  }

  async add(report: QueuedReport): Promise<void> {
    await this.db.reports.put(report);
    this.changed();
  }

  async update(rowId: string, patch: Partial<Omit<QueuedReport, 'rowId'>>): Promise<void> {
    await this.db.reports.update(rowId, patch);
    this.changed();
  }

  /** This account's reports, newest first. */
  async mine(username: string): Promise<QueuedReport[]> {
    const rows = await this.db.reports.where('username').equals(username).toArray();
    return rows.sort((a, b) => b.createdAt - a.createdAt);
  }

  async pending(username: string): Promise<QueuedReport[]> {
    return (await this.mine(username)).filter((r) => r.state === 'queued').reverse();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.db.close();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

let shared: ReportQueue | null = null;

/** This browser's report queue (one per page). */
export function browserReportQueue(): ReportQueue {
  shared ??= new ReportQueue();
  return shared;
}
