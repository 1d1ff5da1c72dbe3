// Every ledger row ends with a deadline, whichever path wrote it: the grid's new row, an
// import, or an outside client (the stock y-websocket client) that sent none, which the
// server fills as its own audited edit. Seeded: found times around weekends and the
// Shanghai midnight, the office's own rules in the ledger's meta; the seed is printed.
import {
  applyImportRows,
  CloseCode,
  createPrng,
  DEADLINE_RULE_PREFIX,
  type DeadlineRule,
  deadlineRulesOf,
  defaultDeadline,
  ISSUE_CATEGORIES,
  initTable,
  isIsoDate,
  isoShanghai,
  META_MAP,
  newRowId,
  readTableSchema,
  schemaForTable,
} from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { newRowValues } from '../../client/src/table/new-row-defaults.ts';
import { createAccounts, login } from '../support/accounts.ts';
import { connectClient, type TestClient, waitFor, whenSynced } from '../support/clients.ts';
import { rowMap, rowWithoutDeadline, TEST_SITE } from '../support/rows.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';
import { readStoredRoom } from '../support/stored-doc.ts';

const ROOM = 'ledger.taoyuan';
const SEED = Number(process.env.DEADLINE_SEED ?? Date.now() % 1_000_000);
const ROWS = 40;

let server: ServerProcess;
let staffToken: string;
let memberToken: string;
const clients: TestClient[] = [];

function client(token: string): TestClient {
  const c = connectClient(server.wsUrl, ROOM, { token });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, [
    { username: 'd-member', role: 'member', committeeId: 'taoyuan' },
    { username: 'd-staff', role: 'staff' },
  ]);
  server = await startServerProcess({ dataDir });
  staffToken = await login(server.url, 'd-staff');
  memberToken = await login(server.url, 'd-member');
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

interface AuditRow {
  rowId: string;
  field: string;
  before: string | null;
  after: string | null;
  username: string;
}

async function audit(rowId: string): Promise<AuditRow[]> {
  const res = await fetch(`${server.url}/api/audit?room=${ROOM}&row=${rowId}`, {
    headers: { authorization: `Bearer ${staffToken}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: AuditRow[] }).entries;
}

describe('deadline at entry', () => {
  it('the server fills the deadline of a row an outside client wrote without one, and audits it', async () => {
    const member = client(memberToken);
    await whenSynced(member);
    const id = newRowId();
    // Found Friday 23:30 in Shanghai: one working day later is Monday.
    const values = { category: 'stairwell_clutter', foundAt: '2026-03-06T23:30:00+08:00' };
    member.doc.transact(() => member.rows.set(id, rowMap(rowWithoutDeadline(ROOM, id, values))));
    await member.confirm();
    await waitFor(() => member.rows.get(id)?.get('deadline') === '2026-03-09', 10_000, 'deadline filled');
    const entries = await audit(id);
    expect(entries.map((e) => [e.username, e.field, e.after])).toEqual([
      ['d-member', '*', expect.any(String)],
      ['server', 'deadline', '"2026-03-09"'],
    ]);
    await member.confirm();
    expect(
      (readStoredRoom(server.dataDir, ROOM).doc.getMap('rows').get(id) as Y.Map<unknown> | undefined)?.get(
        'deadline',
      ),
    ).toBe('2026-03-09');
  });

  it('a committee cannot set the deadline rules; bad rules are refused', async () => {
    const member = client(memberToken);
    await whenSynced(member);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      member.provider.on('connection-close', (e: { code: number; reason: string } | null) => e && resolve(e)),
    );
    member.doc
      .getMap(META_MAP)
      .set(`${DEADLINE_RULE_PREFIX}street_rubbish`, { kind: 'working_days', days: 9 });
    const e = await closed;
    expect(e.code).toBe(CloseCode.ruleViolation);
    expect(e.reason).toMatch(/meta_not_allowed/);
    member.destroy();
    const office = client(staffToken);
    await whenSynced(office);
    const refused = new Promise<{ code: number; reason: string }>((resolve) =>
      office.provider.on('connection-close', (e: { code: number; reason: string } | null) => e && resolve(e)),
    );
    office.doc.getMap(META_MAP).set(`${DEADLINE_RULE_PREFIX}road_damage`, { kind: 'working_days', days: 0 });
    expect((await refused).reason).toMatch(/invalid_deadline_rule/);
    office.destroy();
  });

  it(`every row written by any path ends with its deadline (seed ${SEED})`, async () => {
    const prng = createPrng(SEED);
    const office = client(staffToken);
    const member = client(memberToken);
    await Promise.all([whenSynced(office), whenSynced(member)]);
    // The office sets its own rule for a few categories.
    const meta = office.doc.getMap(META_MAP);
    office.doc.transact(() => {
      for (const { value } of ISSUE_CATEGORIES) {
        if (!prng.chance(0.3)) continue;
        const rule: DeadlineRule = prng.chance(0.3)
          ? { kind: 'overnight' }
          : { kind: 'working_days', days: prng.int(1, 10) };
        meta.set(`${DEADLINE_RULE_PREFIX}${value}`, rule);
      }
    });
    await office.confirm();
    await waitFor(() => member.doc.getMap(META_MAP).size === meta.size, 10_000, 'rules reached the member');
    const rules = deadlineRulesOf(meta.entries());

    // Instants from Friday to Monday, thick around the Shanghai midnight (16:00 UTC).
    const friday = Date.parse('2026-03-06T00:00:00+08:00');
    const instant = (): Date => {
      const day = prng.int(0, 3);
      const near = prng.chance(0.5);
      const minutes = near ? 24 * 60 - 5 + prng.int(0, 10) : prng.int(0, 24 * 60 - 1);
      return new Date(friday + (day * 24 * 60 + minutes) * 60_000 + prng.int(0, 59) * 1000);
    };
    const expected = new Map<string, string | null>();
    const imports: Record<string, unknown>[] = [];
    for (let i = 0; i < ROWS; i++) {
      const path = prng.pick(['grid', 'import', 'outside'] as const);
      const category = prng.pick(ISSUE_CATEGORIES).value;
      const at = instant();
      if (path === 'grid') {
        const values = newRowValues({
          table: 'ledger',
          committeeId: 'taoyuan',
          siteId: TEST_SITE,
          now: at,
          placeholder: '新问题',
          deadlineRules: deadlineRulesOf(member.doc.getMap(META_MAP).entries()),
        });
        if (!values) throw new Error('no new row');
        const id = newRowId();
        expected.set(id, defaultDeadline(values.category, values.foundAt, rules));
        member.doc.transact(() => member.rows.set(id, rowMap({ ...values, id })));
      } else {
        const id = newRowId();
        const row = rowWithoutDeadline(ROOM, id, { category, foundAt: isoShanghai(at) });
        expected.set(id, defaultDeadline(category, row.foundAt, rules));
        if (path === 'import') imports.push(row);
        else member.doc.transact(() => member.rows.set(id, rowMap(row)));
      }
    }
    // As the import dialog does: a room no one has written yet is made a ledger first.
    if (!readTableSchema(member.doc).ok) initTable(member.doc, schemaForTable('ledger'));
    const imported = applyImportRows(member.doc, imports as never);
    expect(imported.ok, imported.ok ? '' : imported.error.message.en).toBe(true);
    await member.confirm();
    await waitFor(
      () => [...expected].every(([id, d]) => office.rows.get(id)?.get('deadline') === d),
      20_000,
      `every row has its deadline (seed ${SEED})`,
    );
    for (const [id, d] of expected) {
      expect(isIsoDate(d), `seed ${SEED}`).toBe(true);
      expect(member.rows.get(id)?.get('deadline'), `seed ${SEED}`).toBe(d);
    }
    await office.confirm();
    const stored = readStoredRoom(server.dataDir, ROOM).doc.getMap('rows') as Y.Map<Y.Map<unknown>>;
    for (const [id, d] of expected) expect(stored.get(id)?.get('deadline'), `seed ${SEED}`).toBe(d);
  });
});
