// A check round's room on a real server, through the official y-websocket client: the
// office sets the round up, a paired committee records its checks (offline too), and
// what the rules forbid closes the connection with the rule's code and changes nothing.
import {
  addDays,
  CloseCode,
  COMPOUND_CHECKLIST,
  newRowId,
  pairMutualRound,
  STREET_CHECKLIST,
  todayInShanghai,
} from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createAccounts, login } from '../support/accounts.ts';
import {
  connectClient,
  snapshotRows,
  type TestClient,
  tid,
  waitFor,
  whenSynced,
} from '../support/clients.ts';
import { rowMap } from '../support/rows.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

const ROOM = 'checks.test-w1';
const COMMITTEES = ['c01', 'c02', 'c03', 'c04'];
let server: ServerProcess;
let tokens: Record<string, string>;
let office: TestClient;
const clients: TestClient[] = [];
const today = todayInShanghai();

function checkRow(values: Record<string, unknown>): Record<string, unknown> {
  const id = newRowId();
  return {
    id,
    checker: 'c01',
    inspected: 'c02',
    siteId: tid('site-c02-a'),
    siteKind: 'residential_compound',
    checkedAt: `${today}T10:00:00+08:00`,
    issuesFound: 0,
    ...values,
  };
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, [
    { username: 'k-staff', role: 'staff' },
    { username: 'k-c01', role: 'member', committeeId: 'c01' },
    { username: 'k-c09', role: 'member', committeeId: 'c09' },
  ]);
  server = await startServerProcess({ dataDir });
  tokens = {
    staff: await login(server.url, 'k-staff'),
    c01: await login(server.url, 'k-c01'),
    c09: await login(server.url, 'k-c09'),
  };
  office = connectClient(server.wsUrl, ROOM, { token: tokens.staff as string });
  clients.push(office);
  await whenSynced(office);
  const paired = pairMutualRound(COMMITTEES);
  if (!paired.ok) throw new Error('pairing');
  const meta = office.doc.getMap('meta');
  office.doc.transact(() => {
    meta.set('table', 'checks');
    meta.set('schemaVersion', 1);
    meta.set('round', {
      name: '本周咬尾巴互查',
      kind: 'mutual',
      startsOn: today,
      endsOn: addDays(today, 6),
      committees: COMMITTEES,
      pairs: paired.value.pairs,
    });
    meta.set('checklist.residential_compound', COMPOUND_CHECKLIST);
    meta.set('checklist.main_street', STREET_CHECKLIST);
  });
  await office.confirm();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

/** A member writes through the official client; the server closes it (or confirms). */
async function edit(
  token: string,
  change: (doc: Y.Doc) => void,
): Promise<{ code: number; reason: string } | null> {
  const c = connectClient(server.wsUrl, ROOM, { token });
  clients.push(c);
  await whenSynced(c);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    c.provider.on('connection-close', (e: { code: number; reason: string } | null) => e && resolve(e)),
  );
  c.doc.transact(() => change(c.doc));
  const result = await Promise.race([closed, c.confirm().then(() => null)]);
  c.destroy();
  return result;
}

const addRow = (values: Record<string, unknown>) => (doc: Y.Doc) =>
  doc.getMap('rows').set(values.id as string, rowMap(values));

function expectUnchanged(before: ReturnType<typeof snapshotRows>) {
  expect(snapshotRows(office.doc)).toEqual(before);
  expect(snapshotRows(readStoredRoom(server.dataDir, ROOM).doc)).toEqual(before);
}

describe('a check round room', () => {
  it('a paired committee records a check with a failed item, and a check that found nothing', async () => {
    const failed = checkRow({ results: 'no-stairwell-clutter=fail;fire-lanes=pass', issuesFound: 1 });
    const nothing = checkRow({ siteId: tid('site-c02-b'), results: 'fire-lanes=pass;civil-dogs=na' });
    expect(await edit(tokens.c01 as string, addRow(failed))).toBeNull();
    expect(await edit(tokens.c01 as string, addRow(nothing))).toBeNull();
    await waitFor(
      () => office.rows.has(failed.id as string) && office.rows.has(nothing.id as string),
      10_000,
      'rows',
    );
    expect(office.rows.get(nothing.id as string)?.get('issuesFound')).toBe(0);
  });

  it('a check recorded offline arrives when the checker reconnects', async () => {
    const c = connectClient(server.wsUrl, ROOM, { token: tokens.c01 as string });
    clients.push(c);
    await whenSynced(c);
    c.provider.disconnect();
    const offline = checkRow({ siteId: tid('site-c02-c'), results: 'bikes-orderly=fail', issuesFound: 1 });
    c.doc.getMap('rows').set(offline.id as string, rowMap(offline));
    expect(office.rows.has(offline.id as string)).toBe(false);
    c.provider.connect();
    await whenSynced(c);
    await c.confirm();
    await waitFor(() => office.rows.has(offline.id as string), 10_000, 'the offline check');
    expect(
      readStoredRoom(server.dataDir, ROOM)
        .doc.getMap('rows')
        .has(offline.id as string),
    ).toBe(true);
  });

  it('what the rules forbid is refused with its code and changes nothing', async () => {
    const before = snapshotRows(office.doc);
    const cases: [string, (doc: Y.Doc) => void, RegExp][] = [
      // c01 checks c02 in this round, not c03.
      [tokens.c01 as string, addRow(checkRow({ inspected: 'c03' })), /check_not_yours/],
      // Another committee's checks.
      [tokens.c01 as string, addRow(checkRow({ checker: 'c03', inspected: 'c04' })), /check_not_yours/],
      // A committee outside the round.
      [tokens.c09 as string, addRow(checkRow({ checker: 'c09' })), /check_not_yours/],
      // An item the checklist does not have.
      [tokens.c01 as string, addRow(checkRow({ results: 'moon-landing=pass' })), /check_item_unknown/],
      // After the round's last day.
      [
        tokens.c01 as string,
        addRow(checkRow({ checkedAt: `${addDays(today, 9)}T10:00:00+08:00` })),
        /check_outside_round/,
      ],
      // The round itself is the office's.
      [
        tokens.c01 as string,
        (doc) => doc.getMap('meta').set('checklist.market', STREET_CHECKLIST),
        /meta_not_allowed/,
      ],
      // Deleting a check.
      [
        tokens.c01 as string,
        (doc) => doc.getMap('rows').delete([...doc.getMap('rows').keys()][0] as string),
        /check_delete_office_only/,
      ],
    ];
    for (const [token, change, code] of cases) {
      const closed = await edit(token, change);
      expect(closed?.code, String(code)).toBe(CloseCode.ruleViolation);
      expect(closed?.reason).toMatch(code);
    }
    expectUnchanged(before);
  });
});
