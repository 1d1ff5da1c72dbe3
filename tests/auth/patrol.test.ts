// The patrol volunteer (巡查志愿者) end to end, through the real server and the official
// y-websocket client: it reports a new issue it found, and every other write is refused,
// each with its reason, changing nothing (a refused update closes the connection with
// 4422 and the rule's code; a room it only reads drops the update and says so; a room it
// may not open at all is refused at the upgrade). Photos: only for the issues it found.
import { CloseCode, issueCode, newRowId } from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { phoneJpeg } from '../photos/photo-fixtures.ts';
import { createAccounts, login, loginAnswer } from '../support/accounts.ts';
import {
  connectClient,
  rawSocket,
  snapshotRows,
  syncUpdateFrame,
  type TestClient,
  waitFor,
  whenSynced,
} from '../support/clients.ts';
import { completeRow, rowMap } from '../support/rows.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

const TAOYUAN = 'ledger.taoyuan';
const HONGQIAO = 'ledger.hongqiao';
/** The people-table rows of the two patrols' persons, and of someone else. */
const SELF = '01J000000000000000000PATRL';
const ASSIGNED = '01J000000000000000000ASSGN';
const SOMEONE = '01J000000000000000000OTHER';
const othersIssue = newRowId();

let server: ServerProcess;
let staffToken: string;
let patrolToken: string;
let assignedToken: string;
const office = new Map<string, TestClient>();
const clients: TestClient[] = [];
let photo: Buffer;

beforeAll(async () => {
  // y-websocket warns on the permission-denied answer the read-only case expects.
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, [
    { username: 'v-staff', role: 'staff' },
    { username: 'v-patrol', role: 'patrol', personId: SELF },
    { username: 'v-assigned', role: 'patrol', committeeId: 'taoyuan', personId: ASSIGNED },
  ]);
  server = await startServerProcess({ dataDir });
  staffToken = await login(server.url, 'v-staff');
  patrolToken = await login(server.url, 'v-patrol');
  assignedToken = await login(server.url, 'v-assigned');
  for (const room of [TAOYUAN, HONGQIAO, 'sites']) {
    const c = connectClient(server.wsUrl, room, { token: staffToken });
    clients.push(c);
    await whenSynced(c);
    office.set(room, c);
  }
  const taoyuan = office.get(TAOYUAN)!;
  taoyuan.doc.transact(() => {
    taoyuan.doc.getMap('meta').set('table', 'ledger');
    taoyuan.doc.getMap('meta').set('schemaVersion', 1);
    const found = { source: 'citizen_patrol', foundBy: SOMEONE };
    taoyuan.rows.set(othersIssue, rowMap(completeRow(TAOYUAN, othersIssue, found)));
  });
  await taoyuan.confirm();
  photo = await phoneJpeg(800, 600);
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

type Closed = { code: number; reason: string } | null;

/** A patrol edits a room through the official client; resolves with how the server closed it, or null. */
async function patrolEdit(
  room: string,
  edit: (rows: Y.Map<Y.Map<unknown>>) => void,
  token = patrolToken,
): Promise<Closed> {
  const c = connectClient(server.wsUrl, room, { token });
  clients.push(c);
  await whenSynced(c);
  const closedBy = new Promise<{ code: number; reason: string }>((resolve) =>
    c.provider.on(
      'connection-close',
      (e: { code: number; reason: string } | null) => e && resolve({ code: e.code, reason: e.reason }),
    ),
  );
  c.doc.transact(() => edit(c.rows));
  const result = await Promise.race([closedBy, c.confirm().then(() => null)]);
  c.destroy();
  return result;
}

function report(id: string, extra: Record<string, unknown> = {}) {
  return rowMap(
    completeRow(TAOYUAN, id, { source: 'volunteer', foundBy: SELF, description: '绿化带垃圾', ...extra }),
  );
}

/** The live and stored rows of a room do not change through `act`. */
async function unchanged(room: string, act: () => Promise<void>): Promise<void> {
  const before = snapshotRows(office.get(room)!.doc);
  await act();
  await office.get(room)!.confirm();
  expect(snapshotRows(office.get(room)!.doc)).toEqual(before);
  expect(snapshotRows(readStoredRoom(server.dataDir, room).doc)).toEqual(before);
}

async function uploadPhoto(token: string, room: string, row: string) {
  const body = new FormData();
  body.set('room', room);
  body.set('row', row);
  body.set('stage', 'found');
  body.set('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'photo.jpg');
  const res = await fetch(`${server.url}/api/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body,
  });
  return {
    status: res.status,
    json: (await res.json()) as {
      photo?: { id: string; stage: string; at: string; by: string };
      error?: { code: string; message: { en: string } };
    },
  };
}

describe('a patrol volunteer', () => {
  const mine = newRowId();

  it('signs in as its person, and reports a new issue it found', async () => {
    const { user } = await loginAnswer(server.url, 'v-patrol');
    expect(user).toMatchObject({ role: 'patrol', committeeId: null, personId: SELF });
    expect(await patrolEdit(TAOYUAN, (rows) => rows.set(mine, report(mine)))).toBeNull();
    await waitFor(() => office.get(TAOYUAN)!.rows.get(mine)?.get('foundBy') === SELF, 5000, 'report arrived');
  });

  it('adds a photo to the issue it found, through the API and then on the row', async () => {
    const sent = await uploadPhoto(patrolToken, TAOYUAN, mine);
    expect(sent.status).toBe(201);
    // The row holds the reference the upload answered with (never the bytes).
    const { id, stage, at, by } = sent.json.photo!;
    const ref = { id, stage, at, by };
    expect(await patrolEdit(TAOYUAN, (rows) => rows.get(mine)?.set('photos', [ref]))).toBeNull();
    await waitFor(
      () => Array.isArray(office.get(TAOYUAN)!.rows.get(mine)?.get('photos')),
      5000,
      'photo on row',
    );
  });

  it('is refused each other write in a ledger, naming the issue by its code', async () => {
    const cases: Array<[string, (rows: Y.Map<Y.Map<unknown>>) => void]> = [
      ['edit another field', (rows) => rows.get(mine)?.set('description', '改写描述')],
      ['change the status', (rows) => rows.get(mine)?.set('status', 'in_progress')],
      ['delete', (rows) => rows.delete(mine)],
      ['edit an issue found by someone else', (rows) => rows.get(othersIssue)?.set('description', '改写')],
      [
        'report from another source',
        (rows) => {
          const id = newRowId();
          rows.set(id, report(id, { source: 'office' }));
        },
      ],
      [
        'report as found by someone else',
        (rows) => {
          const id = newRowId();
          rows.set(id, report(id, { foundBy: SOMEONE }));
        },
      ],
      [
        'photos on a row it did not find',
        (rows) =>
          rows
            .get(othersIssue)
            ?.set('photos', [
              { id: 'a'.repeat(64), stage: 'found', at: '2026-12-03T09:31:00+08:00', by: 'v-patrol' },
            ]),
      ],
    ];
    await unchanged(TAOYUAN, async () => {
      for (const [what, edit] of cases) {
        const closed = await patrolEdit(TAOYUAN, edit);
        expect(closed?.code, what).toBe(CloseCode.ruleViolation);
        expect(closed?.reason, what).toMatch(
          /^patrol_report_only: (issue \d{4}-\w{4}): a patrol only reports/,
        );
        expect(closed?.reason, what).not.toMatch(/01J/);
      }
    });
    const last = await patrolEdit(TAOYUAN, (rows) => rows.get(othersIssue)?.set('status', 'closed'));
    expect(last?.reason).toContain(`issue ${issueCode(othersIssue)}`);
  });

  it('may not open a roster room at all, and its writes to the sites registry are dropped', async () => {
    const roster = rawSocket(server.wsUrl, 'roster.taoyuan', { token: patrolToken });
    await expect(roster.opened).rejects.toThrow(/403/);
    await unchanged('sites', async () => {
      const sock = rawSocket(server.wsUrl, 'sites', { token: patrolToken });
      await sock.opened;
      const doc = new Y.Doc();
      doc.getMap('rows').set(newRowId(), new Y.Map<unknown>());
      sock.ws.send(syncUpdateFrame(Y.encodeStateAsUpdate(doc)));
      await waitFor(() => sock.received.some((f) => f[0] === 2 && f[1] === 0), 5000, 'permission denied');
      sock.ws.close();
      await sock.closed;
    });
  });

  it('may not upload a photo for an issue it did not find', async () => {
    const sent = await uploadPhoto(patrolToken, TAOYUAN, othersIssue);
    expect(sent.status).toBe(403);
    expect(sent.json.error?.code).toBe('patrol_report_only');
    expect(sent.json.error?.message.en).toContain(`issue ${issueCode(othersIssue)}`);
  });
});

describe('a patrol assigned to a committee', () => {
  it('reports in its committee’s ledger and in no other', async () => {
    const id = newRowId();
    const ok = await patrolEdit(
      TAOYUAN,
      (rows) => rows.set(id, report(id, { foundBy: ASSIGNED })),
      assignedToken,
    );
    expect(ok).toBeNull();
    const elsewhere = rawSocket(server.wsUrl, HONGQIAO, { token: assignedToken });
    await expect(elsewhere.opened).rejects.toThrow(/403/);
    const hongqiaoRow = newRowId();
    const hq = office.get(HONGQIAO)!;
    hq.doc.transact(() => {
      hq.doc.getMap('meta').set('table', 'ledger');
      hq.doc.getMap('meta').set('schemaVersion', 1);
      hq.rows.set(
        hongqiaoRow,
        rowMap(completeRow(HONGQIAO, hongqiaoRow, { foundBy: ASSIGNED, source: 'volunteer' })),
      );
    });
    await hq.confirm();
    expect((await uploadPhoto(assignedToken, HONGQIAO, hongqiaoRow)).status).toBe(403);
  });
});
