// @vitest-environment happy-dom
import { initTable, insertRow, ledgerSchema, updateRow } from '@civic-ledger/shared';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoomConnection } from '../sync/room-connection.ts';
import type { RoomPool } from '../sync/room-pool.ts';
import { INITIAL_STATUS } from '../sync/sync-status.ts';
import { useRoomRows } from './useRoomRows.ts';

function issue(id: string, description: string) {
  return {
    id,
    committeeId: 'taoyuan',
    siteId: 'S000000000000001',
    category: 'street_rubbish',
    description,
    source: 'office',
    foundAt: '2026-03-02T09:00:00+08:00',
    status: 'open',
  };
}

/** A pool of rooms already loaded, with no network behind them. */
function fakePool(docs: Record<string, Y.Doc>): { pool: RoomPool; released: string[] } {
  const released: string[] = [];
  const connections = new Map<string, RoomConnection>();
  const connectionOf = (room: string) => {
    let c = connections.get(room);
    if (!c) {
      c = {
        room,
        doc: docs[room] ?? new Y.Doc(),
        ready: Promise.resolve(),
        subscribe: () => () => {},
        getStatus: () => INITIAL_STATUS,
      } as unknown as RoomConnection;
      connections.set(room, c);
    }
    return c;
  };
  const pool = {
    acquire: connectionOf,
    current: (room: string) => connections.get(room),
    release: (room: string) => released.push(room),
    onReset: () => () => {},
  } as unknown as RoomPool;
  return { pool, released };
}

afterEach(cleanup);

describe('the rows of open rooms', () => {
  it('reads each room once ready and follows later edits, a few times a second at most', async () => {
    const doc = new Y.Doc();
    initTable(doc, ledgerSchema);
    insertRow(doc, issue('A0000000000000001', '垃圾'));
    const { pool, released } = fakePool({ 'ledger.taoyuan': doc });
    const { result, unmount } = renderHook(() => useRoomRows(pool, ['ledger.taoyuan'], 10));
    await act(async () => {});
    expect(result.current.rows.get('ledger.taoyuan')?.map((r) => r.description)).toEqual(['垃圾']);

    act(() => {
      updateRow(doc, 'A0000000000000001', { description: '已清理' });
      insertRow(doc, issue('A0000000000000002', '占道'));
    });
    await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(
      result.current.rows
        .get('ledger.taoyuan')
        ?.map((r) => r.description)
        .sort(),
    ).toEqual(['已清理', '占道'].sort());
    unmount();
    expect(released).toEqual(['ledger.taoyuan']);
  });
});
