// One command to move a SQLite store into PostgreSQL:
//   corepack pnpm --filter @civic-ledger/server migrate-store --from ./data --to postgres://…
// Each room's snapshot and log are merged into one snapshot; a room already in the
// target is merged with it, and kept snapshots and photos (with the rows they were sent
// for) the target lacks are copied, so running it twice changes nothing. Stop the servers first.
import path from 'node:path';
import * as Y from 'yjs';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { SqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store } from '../store/store.ts';

const META_KEYS = ['demo_seeded_at'];

function merged(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Uint8Array | null {
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  return parts.length > 0 ? Y.mergeUpdates(parts) : null;
}

export async function migrateStore(
  from: Store,
  to: Store,
  progress: (room: string, index: number, total: number) => void = () => {},
): Promise<{ rooms: number }> {
  const rooms = await from.listRooms();
  for (const [i, room] of rooms.entries()) {
    const source = merged(await from.loadRoom(room));
    if (!source) continue;
    const target = await to.loadRoom(room);
    const existing = merged(target);
    const snapshot = existing ? Y.mergeUpdates([existing, source]) : source;
    await to.compact(room, snapshot, target.lastSeq);
    progress(room, i + 1, rooms.length);
  }
  // Snapshots are immutable: copy those the target lacks.
  for (const snapshot of await from.listSnapshots()) {
    if (await to.getSnapshot(snapshot.id)) continue;
    await to.putSnapshot(snapshot, await from.loadSnapshotRooms(snapshot.id));
  }
  // Photos are immutable too; putPhoto keeps what the target has and adds missing links.
  for (const id of await from.listPhotoIds()) {
    const [full, thumb] = await Promise.all([from.getPhoto(id, 'full'), from.getPhoto(id, 'thumb')]);
    if (!full || !thumb) continue;
    for (const link of await from.photoLinks(id)) {
      await to.putPhoto({ ...full.info, data: full.data, thumb: thumb.data }, link);
    }
  }
  for (const key of META_KEYS) {
    const value = await from.getMeta(key);
    if (value !== null && (await to.getMeta(key)) === null) await to.setMeta(key, value);
  }
  return { rooms: rooms.length };
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const fromDir = path.resolve(arg('from') ?? process.env.DATA_DIR ?? './data');
  const to = arg('to') ?? process.env.DATABASE_URL;
  if (!to || !/^postgres(ql)?:\/\//.test(to)) {
    process.stderr.write('usage: migrate-store --from <DATA_DIR> --to postgres://…\n');
    process.exit(2);
  }
  const source = new SqliteStore(fromDir);
  const target = await PostgresStore.open(to);
  try {
    const { rooms } = await migrateStore(source, target, (room, i, n) =>
      process.stdout.write(`[${i}/${n}] ${room}\n`),
    );
    process.stdout.write(`migrated ${rooms} rooms from ${source.file} to PostgreSQL\n`);
  } finally {
    await source.close();
    await target.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err) => {
    process.stderr.write(`migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
