// The check rounds the server knows, for the rights they give: which committee checks
// which now. Read from the stored `checks.<roundId>` rooms (at a connection that may need
// them), and kept current from every loaded round room's meta, so a round the office ends
// ends the checker's rights on the next update.
import {
  type ActiveCheck,
  activeChecks,
  META_MAP,
  parseRoomName,
  type RoundMeta,
  readRoundDocument,
  todayInShanghai,
} from '@civic-ledger/shared';
import * as Y from 'yjs';
import type { RoomLogStore } from '../store/room-log-store.ts';

const CHECKS_PREFIX = 'checks.';

export class RoundRegistry {
  private readonly rounds = new Map<string, RoundMeta>();
  /** Round ids whose room is loaded here: the live meta is newer than the store. */
  private readonly live = new Set<string>();

  constructor(
    private readonly store: Pick<RoomLogStore, 'listRooms' | 'loadRoom'>,
    private readonly today: () => string = () => todayInShanghai(),
  ) {}

  /** Reads every stored round not loaded here (a round loaded here is followed live). */
  async refresh(): Promise<void> {
    for (const name of await this.store.listRooms()) {
      if (!name.startsWith(CHECKS_PREFIX)) continue;
      const parsed = parseRoomName(name);
      const roundId = parsed.ok ? parsed.value.roundId : undefined;
      if (roundId === undefined || this.live.has(roundId)) continue;
      const stored = await this.store.loadRoom(name);
      const parts = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
      if (parts.length === 0) continue;
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, Y.mergeUpdates(parts));
        this.set(roundId, doc);
      } finally {
        doc.destroy();
      }
    }
  }

  /** Follows a loaded round room's meta; the returned function stops following. */
  watch(roundId: string, doc: Y.Doc): () => void {
    const meta = doc.getMap(META_MAP);
    const read = () => this.set(roundId, doc);
    this.live.add(roundId);
    read();
    meta.observe(read);
    return () => {
      meta.unobserve(read);
      this.live.delete(roundId);
    };
  }

  /** Who checks whom today. */
  activeChecks(): ActiveCheck[] {
    return activeChecks(this.rounds, this.today());
  }

  private set(roundId: string, doc: Y.Doc): void {
    const { round } = readRoundDocument(doc.getMap(META_MAP).entries());
    if (round) this.rounds.set(roundId, round);
    else this.rounds.delete(roundId);
  }
}
