// The live totals over HTTP: three committees edit their ledgers and rosters at once
// through official y-websocket clients (with the shared table model and workflow), the
// office writes off and reopens meanwhile, and /api/totals equals a recount from the rooms.
import {
  addDays,
  applyTransition,
  computeTotals,
  deleteRow,
  initTable,
  insertRow,
  isoShanghai,
  type LedgerStatus,
  ledgerSchema,
  newRowId,
  type Principal,
  type RowValues,
  readRows,
  roomName,
  rosterSchema,
  sitesSchema,
  type Totals,
  todayInShanghai,
  updateRow,
} from '@civic-ledger/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccounts, login } from '../support/accounts.ts';
import { connectClient, type TestClient, whenSynced } from '../support/clients.ts';
import { type ServerProcess, startServerProcess, tempDataDir } from '../support/server-process.ts';

const COMMITTEES = ['east', 'west', 'north'] as const;
const CATEGORIES = ['street_rubbish', 'stairwell_clutter', 'road_damage', 'publicity_lacking'] as const;
const SOURCES = ['office', 'self_check', 'volunteer', 'hotline_12345'] as const;
const OFFICE: Principal = { role: 'staff', committeeId: null };
const VERIFIER = newRowId();

let server: ServerProcess;
const tokens = new Map<string, string>();
const clients: TestClient[] = [];
const sitesOf = new Map<string, string[]>();

/** A small seeded generator, so a failing run can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function connect(room: string, token: string | undefined): Promise<TestClient> {
  const client = connectClient(server.wsUrl, room, token ? { token } : {});
  clients.push(client);
  await whenSynced(client);
  return client;
}

function must<T>(result: { ok: true; value: T } | { ok: false; error: { message: { en: string } } }): T {
  if (!result.ok) throw new Error(result.error.message.en);
  return result.value;
}

async function getTotals(token: string | undefined, query = ''): Promise<Response> {
  return fetch(`${server.url}/api/totals${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

/** Reads rooms with fresh clients, as the office would see them. */
async function readRooms(names: readonly string[]): Promise<RowValues[][]> {
  const readers = names.map((name) =>
    connectClient(server.wsUrl, name, { token: tokens.get('t-office') ?? '' }),
  );
  try {
    await Promise.all(readers.map((r) => whenSynced(r)));
    return readers.map((r) => readRows(r.doc));
  } finally {
    for (const r of readers) r.destroy();
  }
}

async function recount(committees: readonly string[], computedAt: string): Promise<Totals> {
  const [sites = [], ...rest] = await readRooms([
    roomName('sites'),
    ...committees.map((c) => roomName('ledger', c)),
    ...committees.map((c) => roomName('roster', c)),
  ]);
  const inScope = new Set(committees);
  return computeTotals({
    ledger: rest.slice(0, committees.length).flat(),
    roster: rest.slice(committees.length).flat(),
    sites: sites.filter((s) => inScope.has(String(s.committeeId))),
    now: new Date(computedAt),
  });
}

/** One committee's staff at work: new issues, progress on their own, a deletion, shifts. */
async function committeeTyping(committee: string, seed: number): Promise<void> {
  const token = tokens.get(`m-${committee}`);
  const random = prng(seed);
  const member: Principal = { role: 'member', committeeId: committee };
  const ledger = await connect(roomName('ledger', committee), token);
  const roster = await connect(roomName('roster', committee), token);
  must(initTable(ledger.doc, ledgerSchema));
  must(initTable(roster.doc, rosterSchema));
  const sites = sitesOf.get(committee) ?? [];
  const now = Date.now();
  const today = todayInShanghai();
  for (let round = 0; round < 12; round++) {
    for (let k = 0; k < 3; k++) {
      const category = random.pick(CATEGORIES);
      const daysAgo = random.pick([0, 0, 1, 3, 9]);
      must(
        insertRow(ledger.doc, {
          committeeId: committee,
          siteId: random.pick(sites),
          category,
          description: `${committee} 第${round}轮问题${k}`,
          source: random.pick(SOURCES),
          foundAt: isoShanghai(now - daysAgo * 86_400_000 - Math.floor(random.next() * 3_600_000)),
          foundBy: newRowId(),
          deadline: addDays(today, random.pick([-5, -1, 0, 2])),
          status: random.pick(['open', 'open', 'in_progress', 'rectified'] as const),
          // Written as the work goes: a rectified issue needs its note.
          rectification: '已整改',
        }),
      );
    }
    // Move some of our own issues along the loop, as far as a committee may.
    for (const row of readRows(ledger.doc)) {
      if (random.next() < 0.5) continue;
      const next: Partial<Record<LedgerStatus, LedgerStatus>> = {
        open: 'in_progress',
        in_progress: 'rectified',
        reopened: 'rectified',
      };
      const to = next[row.status as LedgerStatus];
      if (!to) continue;
      const patch = must(applyTransition(row, to, { principal: member, actorId: null, now: new Date() }));
      must(updateRow(ledger.doc, String(row.id), patch));
    }
    if (round === 5) {
      const entered = readRows(ledger.doc).find((r) => r.status === 'open');
      if (entered) must(deleteRow(ledger.doc, String(entered.id)));
    }
    const [slotStart, slotEnd] = random.pick([
      ['07:00', '09:00'],
      ['09:00', '11:30'],
      ['14:00', '17:00'],
    ] as const);
    must(
      insertRow(roster.doc, {
        committeeId: committee,
        date: today,
        start: slotStart,
        end: slotEnd,
        siteId: random.pick(sites),
        role: 'volunteer',
        person: random.next() < 0.2 ? null : newRowId(),
        status: random.pick(['scheduled', 'checked_in', 'absent'] as const),
      }),
    );
    await sleep(Math.floor(random.next() * 40));
  }
  await Promise.all([ledger.confirm(), roster.confirm()]);
}

/** The office verifying meanwhile: writes off what is rectified, reopens some closed issues. */
async function officeVerifying(until: Promise<unknown>): Promise<void> {
  const token = tokens.get('t-office');
  const random = prng(99);
  const ledgers = await Promise.all(COMMITTEES.map((c) => connect(roomName('ledger', c), token)));
  let done = false;
  const stop = () => {
    done = true;
  };
  until.then(stop, stop);
  const pass = () => {
    for (const client of ledgers) {
      if (!client.doc.getMap('meta').get('table')) continue;
      for (const row of readRows(client.doc)) {
        const to =
          row.status === 'rectified'
            ? random.next() < 0.7
              ? 'closed'
              : 'in_progress'
            : row.status === 'closed' && row.recurrences === 0 && random.next() < 0.1
              ? 'reopened'
              : null;
        if (!to) continue;
        const patch = must(
          applyTransition(row, to, { principal: OFFICE, actorId: VERIFIER, now: new Date() }),
        );
        must(updateRow(client.doc, String(row.id), patch));
      }
    }
  };
  while (!done) {
    pass();
    await sleep(25);
  }
  pass();
  await Promise.all(ledgers.map((c) => c.confirm()));
}

beforeAll(async () => {
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, [
    { username: 't-office', role: 'staff' },
    { username: 't-manager', role: 'manager' },
    ...COMMITTEES.map((c) => ({ username: `m-${c}`, role: 'member' as const, committeeId: c })),
  ]);
  server = await startServerProcess({ dataDir });
  for (const name of ['t-office', 't-manager', ...COMMITTEES.map((c) => `m-${c}`)]) {
    tokens.set(name, await login(server.url, name));
  }
  const sites = await connect(roomName('sites'), tokens.get('t-office'));
  must(initTable(sites.doc, sitesSchema));
  for (const committee of COMMITTEES) {
    const ids: string[] = [];
    for (const [name, kind] of [
      [`${committee}小区`, 'residential_compound'],
      [`${committee}路`, 'main_street'],
    ] as const) {
      ids.push(String(must(insertRow(sites.doc, { name, kind, committeeId: committee })).id));
    }
    sitesOf.set(committee, ids);
  }
  await sites.confirm();
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

function expectConsistent(t: Totals) {
  const sum = (groups: Record<string, { count: number }>) =>
    Object.values(groups).reduce((n, g) => n + g.count, 0);
  expect(sum(t.byStatus)).toBe(t.found.count);
  expect(sum(t.byCategory)).toBe(t.found.count);
  expect(t.ranking.reduce((n, s) => n + s.found.count, 0)).toBe(t.found.count);
}

describe('GET /api/totals', () => {
  it('while three committees type at once, and after, equals a recount from the rooms', async () => {
    const typing = Promise.all(COMMITTEES.map((c, i) => committeeTyping(c, i + 1)));
    const verifying = officeVerifying(typing);
    // Asked while everyone is still typing, the figures already add up.
    let typed = false;
    const markTyped = () => {
      typed = true;
    };
    typing.then(markTyped, markTyped);
    let whileTyping = 0;
    while (!typed) {
      const res = await getTotals(tokens.get('t-office'));
      expect(res.status).toBe(200);
      expectConsistent((await res.json()) as Totals);
      if (!typed) whileTyping++;
    }
    expect(whileTyping).toBeGreaterThan(0);
    await typing;
    await verifying;

    const res = await getTotals(tokens.get('t-office'));
    expect(res.status).toBe(200);
    const { committees, ...totals } = (await res.json()) as Totals & { committees: string[] };
    expect(committees).toEqual([...COMMITTEES].sort());
    expect(totals.computedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(totals.found.count).toBeGreaterThan(90);
    expect(totals.byStatus.closed?.count).toBeGreaterThan(0);
    // Six sites, each in every slot the rosters use today.
    expect(totals.rosterCoverage.cells).toBeGreaterThan(0);
    expect(totals.rosterCoverage.cells % 6).toBe(0);
    expect(totals).toEqual(await recount(committees, totals.computedAt));
  });

  it('a committee member gets their own committee’s totals and is refused another’s', async () => {
    const own = await getTotals(tokens.get('m-west'));
    expect(own.status).toBe(200);
    const { committees, ...totals } = (await own.json()) as Totals & { committees: string[] };
    expect(committees).toEqual(['west']);
    expect(Object.keys(totals.byCommitteeStatus)).toEqual(['west']);
    expect(totals).toEqual(await recount(['west'], totals.computedAt));
    expect((await getTotals(tokens.get('m-west'), '?committee=east')).status).toBe(403);
    expect((await getTotals(tokens.get('m-west'), '?committee=west')).status).toBe(200);
  });

  it('the office and managers may narrow to one committee', async () => {
    const res = await getTotals(tokens.get('t-manager'), '?committee=north');
    expect(res.status).toBe(200);
    const { committees, ...totals } = (await res.json()) as Totals & { committees: string[] };
    expect(committees).toEqual(['north']);
    expect(totals).toEqual(await recount(['north'], totals.computedAt));
  });

  it('refuses callers without a valid token', async () => {
    const missing = await getTotals(undefined);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('token_missing');
    expect((await getTotals('not-a-token')).status).toBe(401);
    expect((await fetch(`${server.url}/api/totals?token=${tokens.get('t-office')}`)).status).toBe(200);
  });

  it('with ids=0 gives the figures without the row lists', async () => {
    const res = await getTotals(tokens.get('t-office'), '?ids=0');
    const body = (await res.json()) as { found: { count: number; ids?: unknown } };
    expect(body.found.count).toBeGreaterThan(0);
    expect(body.found.ids).toBeUndefined();
  });
});
