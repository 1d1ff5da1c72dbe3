// A checking committee's rights in the ledger it checks, on a real server through the
// official y-websocket client: during the round it adds the issues it finds (offline too),
// with the round and the checker on them; nothing else there; after the round, nothing.
import { addDays, CloseCode, newRowId, pairMutualRound, todayInShanghai } from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createAccounts, login } from '../support/accounts.ts';
import {
  connectClient,
  rawSocket,
  snapshotRows,
  type TestClient,
  tid,
  waitFor,
  whenSynced,
} from '../support/clients.ts';
import { completeRow, rowMap } from '../support/rows.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

const ROUND = 'test-w2';
const CHECKS = `checks.${ROUND}`;
const INSPECTED = 'ledger.c02';
const COMMITTEES = ['c01', 'c02', 'c03', 'c04'];
const CHECKER_PERSON = tid('person-c01-wang');
const today = todayInShanghai();
let server: ServerProcess;
let staff: string;
let checker: string;
let roundDoc: TestClient;
let ledger: TestClient;
const clients: TestClient[] = [];
const existing = newRowId();

function setRound(startsOn: string, endsOn: string): void {
  const paired = pairMutualRound(COMMITTEES);
  if (!paired.ok) throw new Error('pairing');
  roundDoc.doc.getMap('meta').set('round', {
    name: '本周咬尾巴互查',
    kind: 'mutual',
    startsOn,
    endsOn,
    committees: COMMITTEES,
    pairs: paired.value.pairs,
  });
}

/** An issue as the checker records it: the round's source, its round and item, found by the checker. */
function foundIssue(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const id = newRowId();
  return completeRow(INSPECTED, id, {
    source: 'mutual_check',
    foundAt: `${today}T10:00:00+08:00`,
    foundBy: CHECKER_PERSON,
    roundId: ROUND,
    checkItem: 'no-stairwell-clutter',
    description: '3号楼楼道堆放纸箱',
    category: 'stairwell_clutter',
    ...extra,
  });
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, [
    { username: 'q-staff', role: 'staff' },
    { username: 'q-c01', role: 'member', committeeId: 'c01' },
  ]);
  server = await startServerProcess({ dataDir });
  staff = await login(server.url, 'q-staff');
  checker = await login(server.url, 'q-c01');
  roundDoc = connectClient(server.wsUrl, CHECKS, { token: staff });
  ledger = connectClient(server.wsUrl, INSPECTED, { token: staff });
  clients.push(roundDoc, ledger);
  await Promise.all([whenSynced(roundDoc), whenSynced(ledger)]);
  ledger.rows.set(existing, rowMap(completeRow(INSPECTED, existing)));
  await ledger.confirm();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

/** Resolves with the close the server sends, or null once the edit is confirmed. */
async function attempt(c: TestClient, change: (rows: Y.Map<Y.Map<unknown>>) => void) {
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    c.provider.on('connection-close', (e: { code: number; reason: string } | null) => e && resolve(e)),
  );
  c.doc.transact(() => change(c.rows));
  return Promise.race([closed, c.confirm().then(() => null)]);
}

async function checkerClient(): Promise<TestClient> {
  const c = connectClient(server.wsUrl, INSPECTED, { token: checker });
  clients.push(c);
  await whenSynced(c);
  return c;
}

async function upgradeRefused(room: string): Promise<void> {
  const sock = rawSocket(server.wsUrl, room, { token: checker });
  await expect(sock.opened, room).rejects.toThrow(/403/);
}

describe('a checker in the ledger it checks', () => {
  it('has no access before a round pairs it with that committee', async () => {
    await upgradeRefused(INSPECTED);
  });

  it('records a failed item offline; on reconnecting the issue arrives with its round and checker', async () => {
    setRound(today, addDays(today, 6));
    await roundDoc.confirm();
    const c = await checkerClient();
    c.provider.disconnect();
    const issue = foundIssue();
    c.rows.set(issue.id as string, rowMap(issue));
    c.provider.connect();
    await whenSynced(c);
    await c.confirm();
    const id = issue.id as string;
    await waitFor(() => ledger.rows.has(id), 10_000, 'the issue in the inspected ledger');
    const row = ledger.rows.get(id);
    expect(row?.get('roundId')).toBe(ROUND);
    expect(row?.get('foundBy')).toBe(CHECKER_PERSON);
    expect(row?.get('source')).toBe('mutual_check');
    expect(row?.get('checkItem')).toBe('no-stairwell-clutter');
    expect(readStoredRoom(server.dataDir, INSPECTED).doc.getMap('rows').has(id)).toBe(true);
  });

  it('may not change what is there, add issues of another source or without the round, nor check another ledger', async () => {
    const before = snapshotRows(ledger.doc);
    const cases: [(rows: Y.Map<Y.Map<unknown>>) => void, RegExp][] = [
      [(rows) => rows.get(existing)?.set('status', 'in_progress'), /checker_new_issues_only/],
      [(rows) => rows.delete(existing), /checker_new_issues_only/],
      [(rows) => add(rows, foundIssue({ source: 'self_check' })), /checker_new_issues_only/],
      [(rows) => add(rows, foundIssue({ checkItem: null })), /checker_new_issues_only/],
      [(rows) => add(rows, foundIssue({ roundId: 'other-round' })), /checker_round_over/],
    ];
    for (const [change, code] of cases) {
      const c = await checkerClient();
      const closed = await attempt(c, change);
      expect(closed?.code, String(code)).toBe(CloseCode.ruleViolation);
      expect(closed?.reason).toMatch(code);
      c.destroy();
    }
    expect(snapshotRows(ledger.doc)).toEqual(before);
    expect(snapshotRows(readStoredRoom(server.dataDir, INSPECTED).doc)).toEqual(before);
    // c01 checks c02 in this round, not c03.
    await upgradeRefused('ledger.c03');
  });

  it('after the round, adds nothing: an open connection is refused, a new one is not let in', async () => {
    const c = await checkerClient();
    const yesterday = addDays(today, -1);
    setRound(addDays(today, -7), yesterday);
    await roundDoc.confirm();
    const before = snapshotRows(ledger.doc);
    const closed = await attempt(c, (rows) => add(rows, foundIssue()));
    expect(closed?.code).toBe(CloseCode.ruleViolation);
    expect(closed?.reason).toMatch(/checker_round_over/);
    expect(snapshotRows(ledger.doc)).toEqual(before);
    await upgradeRefused(INSPECTED);
  });
});

function add(rows: Y.Map<Y.Map<unknown>>, values: Record<string, unknown>): void {
  rows.set(values.id as string, rowMap(values));
}
