// Reading the district's rooms as rows, either now (from the store, once the loaded rooms
// have written what they hold) or as a snapshot froze them: what snapshots, exports, diffs,
// bulletins and import previews start from.
import {
  effectiveSchema,
  type FieldDef,
  parseRoomName,
  type Room,
  type RoomRows,
  readRows,
  readTableSchema,
  schemaForTable,
  type TableName,
  type TableSchema,
} from '@civic-ledger/shared';
import * as Y from 'yjs';
import type { SnapshotRecord, SnapshotRoom } from '../store/snapshot-store.ts';
import type { Store } from '../store/store.ts';
import type { RoomManager } from '../sync/rooms.ts';

/** The district (or part of it) at one moment. */
export interface DistrictView {
  readonly at: Date;
  /** The snapshot it comes from; null for now. */
  readonly snapshot: SnapshotRecord | null;
  readonly rooms: readonly RoomRows[];
  /** Per table: the base schema plus the custom columns of every room of that table. */
  readonly schemas: ReadonlyMap<TableName, TableSchema>;
}

/** `now`, or a snapshot by id. */
export type DistrictSource = 'now' | { readonly snapshotId: string };

function mergeState(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Uint8Array | null {
  const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  return parts.length > 0 ? Y.mergeUpdates(parts) : null;
}

function roomRows(room: Room, state: Uint8Array): { rows: RoomRows; custom: readonly FieldDef[] } {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const schema = readTableSchema(doc);
    const base = schemaForTable(room.table);
    const custom = schema.ok
      ? schema.value.fields.filter((f) => !base.fields.some((b) => b.key === f.key))
      : [];
    return {
      rows: {
        room: room.name,
        table: room.table,
        ...(room.committeeId !== undefined ? { committeeId: room.committeeId } : {}),
        rows: readRows(doc),
      },
      custom,
    };
  } finally {
    doc.destroy();
  }
}

export class DistrictReader {
  constructor(
    private readonly store: Store,
    private readonly rooms: RoomManager,
  ) {}

  /** Every stored room whose name passes `keep`, parsed. */
  private async roomNames(keep: (room: Room) => boolean): Promise<Room[]> {
    const out: Room[] = [];
    for (const name of await this.store.listRooms()) {
      const parsed = parseRoomName(name);
      if (parsed.ok && keep(parsed.value)) out.push(parsed.value);
    }
    return out;
  }

  /** The current state of every stored room (passing `keep`), each as one update and its state vector. */
  async currentStates(keep: (room: Room) => boolean = () => true): Promise<SnapshotRoom[]> {
    // What clients sent this instance is committed before it is read back.
    await this.rooms.flushAll();
    const out: SnapshotRoom[] = [];
    for (const room of await this.roomNames(keep)) {
      const state = mergeState(await this.store.loadRoom(room.name));
      if (state) out.push({ room: room.name, state, stateVector: Y.encodeStateVectorFromUpdate(state) });
    }
    return out;
  }

  /** The rooms passing `keep` as rows; null when the snapshot does not exist. */
  async read(source: DistrictSource, keep: (room: Room) => boolean): Promise<DistrictView | null> {
    let snapshot: SnapshotRecord | null = null;
    let states: SnapshotRoom[];
    if (source === 'now') {
      states = await this.currentStates(keep);
    } else {
      snapshot = await this.store.getSnapshot(source.snapshotId);
      if (!snapshot) return null;
      states = (await this.store.loadSnapshotRooms(snapshot.id)).filter((r) => {
        const parsed = parseRoomName(r.room);
        return parsed.ok && keep(parsed.value);
      });
    }
    const rooms: RoomRows[] = [];
    const custom = new Map<TableName, FieldDef[]>();
    for (const { room: name, state } of states) {
      const parsed = parseRoomName(name);
      if (!parsed.ok) continue;
      const read = roomRows(parsed.value, state);
      rooms.push(read.rows);
      const list = custom.get(parsed.value.table) ?? [];
      for (const f of read.custom) if (!list.some((x) => x.key === f.key)) list.push(f);
      custom.set(parsed.value.table, list);
    }
    const schemas = new Map<TableName, TableSchema>();
    for (const table of new Set(rooms.map((r) => r.table))) {
      const fields = [...(custom.get(table) ?? [])].sort((a, b) => (a.key < b.key ? -1 : 1));
      schemas.set(table, effectiveSchema(schemaForTable(table), fields));
    }
    return { at: snapshot ? new Date(snapshot.takenAt) : new Date(), snapshot, rooms, schemas };
  }
}
