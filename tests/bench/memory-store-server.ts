// Diagnostic peer for the fan-out benchmark: this repository's server, unchanged, but
// with rooms and the audit trail kept in memory: no SQLite write and no fsync per update.
// (Everything else, such as accounts and metadata, still goes to the real SQLite store
// in DATA_DIR.) Comparing it with
// the real server tells how much of the fan-out cost is persistence. Prints the
// server's usual JSON `listening` line. Not a configuration anyone should run.
import { loadConfig, SqliteStore, type StoredRoom, startServer } from '@civic-ledger/server';

interface MemoryRoom {
  snapshot: Uint8Array | null;
  seq: number;
  log: { seq: number; update: Uint8Array }[];
}

class RoomsInMemoryStore extends SqliteStore {
  private readonly rooms = new Map<string, MemoryRoom>();
  private seq = 0;
  private auditEntries = 0;

  private room(name: string): MemoryRoom {
    let room = this.rooms.get(name);
    if (!room) {
      room = { snapshot: null, seq: 0, log: [] };
      this.rooms.set(name, room);
    }
    return room;
  }

  override async loadRoom(name: string): Promise<StoredRoom> {
    return this.readSince(name, 0);
  }

  override async readSince(name: string, sinceSeq: number): Promise<StoredRoom> {
    const room = this.room(name);
    const from = Math.max(room.seq, sinceSeq);
    const log = room.log.filter((e) => e.seq > from);
    return {
      snapshot: room.seq > sinceSeq || sinceSeq === 0 ? room.snapshot : null,
      updates: log.map((e) => e.update),
      lastSeq: log.at(-1)?.seq ?? from,
    };
  }

  /** Audit entries come with their updates (one SQLite commit in the real store): counted, not kept. */
  override async appendUpdates(
    name: string,
    updates: readonly Uint8Array[],
    audit: Parameters<SqliteStore['appendUpdates']>[2] = [],
  ): Promise<number> {
    const room = this.room(name);
    for (const update of updates) room.log.push({ seq: ++this.seq, update });
    this.auditEntries += audit.length;
    return this.seq;
  }

  override async compact(name: string, snapshot: Uint8Array, upToSeq: number): Promise<void> {
    const room = this.room(name);
    room.snapshot = snapshot;
    room.seq = Math.max(room.seq, upToSeq);
    room.log = room.log.filter((e) => e.seq > upToSeq);
  }

  override async pendingUpdateCount(name: string): Promise<number> {
    return this.room(name).log.length;
  }

  override async listRooms(): Promise<string[]> {
    return [...this.rooms.keys()].sort();
  }

  override async appendAudit(entries: Parameters<SqliteStore['appendAudit']>[0]): Promise<void> {
    this.auditEntries += entries.length;
  }
}

const config = loadConfig(process.env, ['--no-demo']);
const server = await startServer(config, { store: new RoomsInMemoryStore(config.dataDir) });
const stop = () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
