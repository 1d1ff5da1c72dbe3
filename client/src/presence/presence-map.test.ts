import { describe, expect, it } from 'vitest';
import { cellKey, readPresence } from './presence-map.ts';

const me = { id: 'me', name: '我', color: '#000' };
const li = { id: 'li', name: '李娜', color: '#f00' };
const wang = { id: 'wang', name: '王强', color: '#0f0' };

describe('presence of others in a table', () => {
  it('lists each other person once across rooms and leaves me out', () => {
    const roomA = new Map<number, unknown>([
      [1, { user: me, cell: null }],
      [2, { user: li, cell: { rowId: 'r1', colKey: 'status' } }],
    ]);
    const roomB = new Map<number, unknown>([
      [3, { user: li, cell: null }],
      [4, { user: wang, cell: { rowId: 'r9', colKey: 'description' } }],
    ]);
    const presence = readPresence([roomA, roomB], 'me');
    expect(presence.people.map((p) => p.name)).toEqual(['李娜', '王强']);
    expect(presence.cells.get(cellKey('r1', 'status'))).toEqual([li]);
    expect(presence.cells.get(cellKey('r9', 'description'))).toEqual([wang]);
  });

  it('ignores states from clients that publish something else', () => {
    const room = new Map<number, unknown>([
      [1, {}],
      [2, { user: 'x' }],
      [3, null],
    ]);
    expect(readPresence([room], 'me').people).toEqual([]);
  });
});
