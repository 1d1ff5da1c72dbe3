// Rules a CRDT server can enforce: a writer's update is checked whole on a scratch
// copy; one that breaks a rule closes that connection with the reason and leaves the
// live and the stored document exactly as they were.
import { CloseCode, newRowId } from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createAccounts, login } from '../support/accounts.ts';
import { connectClient, snapshotRows, type TestClient, waitFor, whenSynced } from '../support/clients.ts';
import { completeRow, rowMap } from '../support/rows.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

const ROOM = 'ledger.taoyuan';
let server: ServerProcess;
let memberToken: string;
let staffToken: string;
let office: TestClient;
const clients: TestClient[] = [];
const issueId = newRowId();

beforeAll(async () => {
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, [
    { username: 'f-member', role: 'member', committeeId: 'taoyuan' },
    { username: 'f-staff', role: 'staff' },
  ]);
  server = await startServerProcess({ dataDir });
  memberToken = await login(server.url, 'f-member');
  staffToken = await login(server.url, 'f-staff');
  office = connectClient(server.wsUrl, ROOM, { token: staffToken });
  clients.push(office);
  await whenSynced(office);
  office.doc.transact(() => {
    const values = { category: 'stairwell_clutter', description: '3号楼楼道堆物' };
    office.rows.set(issueId, rowMap(completeRow(ROOM, issueId, values)));
  });
  await office.confirm();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

/** A member edits through the official client and is closed (or not) by the server. */
async function memberEdit(
  edit: (rows: Y.Map<Y.Map<unknown>>) => void,
): Promise<{ code: number; reason: string } | null> {
  const c = connectClient(server.wsUrl, ROOM, { token: memberToken });
  clients.push(c);
  await whenSynced(c);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    c.provider.on('connection-close', (e: { code: number; reason: string } | null) => e && resolve(e)),
  );
  c.doc.transact(() => edit(c.rows));
  const result = await Promise.race([closed, c.confirm().then(() => null)]);
  c.destroy();
  return result;
}

function expectUnchanged(before: ReturnType<typeof snapshotRows>) {
  expect(snapshotRows(office.doc)).toEqual(before);
  expect(snapshotRows(readStoredRoom(server.dataDir, ROOM).doc)).toEqual(before);
}

describe('field and workflow rules', () => {
  it('a committee rectifies its issue', async () => {
    const closed = await memberEdit((rows) => rows.get(issueId)?.set('status', 'in_progress'));
    expect(closed).toBeNull();
    await waitFor(() => office.rows.get(issueId)?.get('status') === 'in_progress', 5000, 'accepted');
  });

  it('a committee cannot write off its own issue', async () => {
    // Without a rectification note the step is refused; with one it is taken.
    const bare = await memberEdit((rows) => rows.get(issueId)?.set('status', 'rectified'));
    expect(bare?.reason).toMatch(/rectification_note_required: issue \d{4}-/);
    const rectify = (rows: Y.Map<Y.Map<unknown>>) => {
      rows.get(issueId)?.set('rectification', '已清理楼道');
      rows.get(issueId)?.set('status', 'rectified');
    };
    expect(await memberEdit(rectify)).toBeNull();
    await waitFor(() => office.rows.get(issueId)?.get('status') === 'rectified', 5000, 'rectified');
    const before = snapshotRows(office.doc);
    const closed = await memberEdit((rows) => rows.get(issueId)?.set('status', 'closed'));
    expect(closed?.code).toBe(CloseCode.ruleViolation);
    expect(closed?.reason).toMatch(/transition_office_only/);
    expectUnchanged(before);
  });

  it('an update with one valid and one invalid change is refused whole', async () => {
    const before = snapshotRows(office.doc);
    const closed = await memberEdit((rows) => {
      rows.get(issueId)?.set('rectification', '楼道堆物已全部清走');
      rows.get(issueId)?.set('deadline', '2026-02-30');
    });
    expect(closed?.code).toBe(CloseCode.ruleViolation);
    expect(closed?.reason).toMatch(/invalid_date/);
    expectUnchanged(before);
    // The note the rectification step wrote is kept; the refused update's is not.
    expect(office.rows.get(issueId)?.get('rectification')).toBe('已清理楼道');
  });

  it('unknown fields, wrong committee and office-only fields are refused', async () => {
    const before = snapshotRows(office.doc);
    for (const [edit, code] of [
      [(rows: Y.Map<Y.Map<unknown>>) => rows.get(issueId)?.set('colour', 'red'), /unknown_field/],
      [(rows: Y.Map<Y.Map<unknown>>) => rows.get(issueId)?.set('committeeId', 'hongqiao'), /wrong_committee/],
      [
        (rows: Y.Map<Y.Map<unknown>>) => rows.get(issueId)?.set('closedAt', '2026-11-24T10:00:00+08:00'),
        /field_office_only/,
      ],
    ] as const) {
      const closed = await memberEdit(edit);
      expect(closed?.code).toBe(CloseCode.ruleViolation);
      expect(closed?.reason).toMatch(code);
    }
    expectUnchanged(before);
  });

  it('the office verifies and writes off; the audit trail shows who changed what', async () => {
    office.rows.get(issueId)?.set('status', 'closed');
    await office.confirm();
    const res = await fetch(`${server.url}/api/audit?room=${ROOM}&row=${issueId}`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    const { entries } = (await res.json()) as {
      entries: { field: string; before: string | null; after: string | null; username: string }[];
    };
    const statusChanges = entries
      .filter((e) => e.field === 'status')
      .map((e) => [e.username, e.before, e.after]);
    expect(statusChanges).toEqual([
      ['f-member', '"open"', '"in_progress"'],
      ['f-member', '"in_progress"', '"rectified"'],
      ['f-staff', '"rectified"', '"closed"'],
    ]);
    expect(entries[0]).toMatchObject({ field: '*', username: 'f-staff', before: null });
    const denied = await fetch(`${server.url}/api/audit?room=ledger.hongqiao`, {
      headers: { authorization: `Bearer ${memberToken}` },
    });
    expect(denied.status).toBe(403);
  });
});
