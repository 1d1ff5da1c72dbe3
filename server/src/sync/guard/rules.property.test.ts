// The rules, as a property over random updates built at the Yjs level (sets, deletes,
// nested types, every content kind, meta keys, unknown keys, rows under odd keys) by every
// role, run in process through the same steps as the server (room access, dependency
// check, guard): after each accepted update every row satisfies its schema and every
// change was the role's to make; each refused or dropped one changes nothing. Seeded:
// RULES_SEED=<n> replays a run; the seed is printed, and named in every failure.
import {
  checkRowKey,
  checkTransition,
  initTable,
  isOffice,
  isOutsideSource,
  type LedgerStatus,
  ledgerSchema,
  OFFICE_ONLY_LEDGER_FIELDS,
  type Principal,
  parseRoomName,
  readRoomSchema,
  roomAccess,
  validateRow,
} from '@civic-ledger/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isRefusal } from '../refusal.ts';
import {
  completeIssue,
  edit,
  FIELD_KEYS,
  handBuilt,
  pick,
  plain,
  rng,
  rowId,
} from './random-updates.test-support.ts';
import { checkDecodedUpdate, decodeUpdate } from './update-check.ts';
import { UpdateGuard } from './update-guard.ts';

const STEPS = Number(process.env.RULES_STEPS ?? 3000);
const SEED = Number(process.env.RULES_SEED ?? Date.now() % 2 ** 31);

const ROOM = (() => {
  const parsed = parseRoomName('ledger.taoyuan');
  if (!parsed.ok) throw new Error('room');
  return parsed.value;
})();

const ROLES: Record<string, Principal> = {
  admin: { role: 'admin', committeeId: null },
  staff: { role: 'staff', committeeId: null },
  member: { role: 'member', committeeId: 'taoyuan' },
  otherMember: { role: 'member', committeeId: 'hongqiao' },
  manager: { role: 'manager', committeeId: null },
};

interface State {
  rows: Map<string, Record<string, unknown> | string>;
  meta: Record<string, unknown>;
  sv: string;
}

function stateOf(doc: Y.Doc): State {
  const rows = new Map<string, Record<string, unknown> | string>();
  for (const [id, row] of doc.getMap('rows').entries())
    rows.set(id, row instanceof Y.Map ? plain(row) : `not a map: ${String(row)}`);
  return {
    rows,
    meta: doc.getMap('meta').toJSON(),
    sv: Buffer.from(Y.encodeStateVector(doc)).toString('hex'),
  };
}

/** Fails the test with `message()`, built only when it fails (thousands of checks per run). */
function must(ok: boolean, message: () => string): void {
  if (!ok) expect.fail(message());
}

/** Everything that must hold of the live document after an accepted update. */
function checkDocument(doc: Y.Doc, known: Map<number, number>, where: string): void {
  const schema = readRoomSchema(doc, 'ledger');
  for (const [id, row] of doc.getMap('rows').entries()) {
    must(row instanceof Y.Map, () => `${where}: row ${id} is not a map`);
    must(checkRowKey(schema, id) === null, () => `${where}: row under key ${id}`);
    const values = plain(row as Y.Map<unknown>);
    const valid = validateRow(schema, values);
    must(
      valid.ok,
      () =>
        `${where}: row ${id} ${JSON.stringify(values)}: ${valid.ok ? '' : valid.error.message.en}; meta ${JSON.stringify(doc.getMap('meta').toJSON())}`,
    );
    must(values.committeeId === 'taoyuan', () => `${where}: row ${id} of ${String(values.committeeId)}`);
  }
  const meta = doc.getMap('meta');
  must(meta.get('table') === 'ledger', () => `${where}: table ${String(meta.get('table'))}`);
  must(
    meta.get('schemaVersion') === ledgerSchema.version,
    () => `${where}: version ${String(meta.get('schemaVersion'))}`,
  );
  for (const key of meta.keys())
    must(['table', 'schemaVersion', 'field.floor'].includes(key), () => `${where}: meta ${key}`);
  for (const name of doc.share.keys()) must(['rows', 'meta'].includes(name), () => `${where}: root ${name}`);
  // No content a table cannot show among what the update added to the document's history.
  for (const [client, structs] of doc.store.clients) {
    const from = known.get(client) ?? 0;
    for (let k = from > 0 ? Y.findIndexSS(structs, from - 1) : 0; k < structs.length; k++) {
      const s = structs[k]!;
      if (!(s instanceof Y.Item) || s.id.clock + s.length <= from) continue;
      const c = s.content;
      const fits =
        c instanceof Y.ContentAny ||
        c instanceof Y.ContentDeleted ||
        (c instanceof Y.ContentType && c.type.constructor === Y.Map);
      must(fits, () => {
        const type = c instanceof Y.ContentType ? ` (${c.type.constructor.name})` : '';
        return `${where}: ${c.constructor.name}${type} kept under ${String(s.parentSub)}`;
      });
    }
  }
}

/** Every change between two states was this role's to make (the rights table, restated). */
function checkRights(before: State, after: State, p: Principal, where: string): void {
  const office = isOffice(p);
  if (!office)
    must(JSON.stringify(after.meta) === JSON.stringify(before.meta), () => `${where}: meta changed`);
  for (const [id, was] of before.rows) {
    const now = after.rows.get(id);
    if (typeof was === 'string') continue;
    if (now === undefined) {
      if (!office) {
        must(
          !['closed', 'reopened'].includes(String(was.status)),
          () => `${where}: deleted ${was.status} ${id}`,
        );
        must(!isOutsideSource(was.source), () => `${where}: deleted outside issue ${id}`);
      }
      continue;
    }
    must(typeof now !== 'string', () => `${where}: row ${id} became ${String(now)}`);
    const next = now as Record<string, unknown>;
    const changed = new Set(
      [...Object.keys(was), ...Object.keys(next)].filter(
        (k) => JSON.stringify(was[k]) !== JSON.stringify(next[k]),
      ),
    );
    if (!office)
      for (const k of OFFICE_ONLY_LEDGER_FIELDS) must(!changed.has(k), () => `${where}: changed ${k}`);
    if (changed.has('status')) {
      const err = checkTransition(p, was.status as LedgerStatus, next.status as LedgerStatus);
      must(err === null, () => `${where}: status ${String(was.status)} → ${String(next.status)}`);
    }
    if (changed.has('recurrences')) {
      must(
        was.status === 'closed' && next.status === 'reopened',
        () => `${where}: recurrences without reopen`,
      );
      must(
        next.recurrences === Number(was.recurrences ?? 0) + 1,
        () => `${where}: recurrences by more than one`,
      );
    }
    if (changed.has('source') && !office)
      must(!isOutsideSource(was.source), () => `${where}: source of ${id}`);
  }
  for (const [id, now] of after.rows) {
    if (before.rows.has(id) || typeof now === 'string') continue;
    if (!office) {
      must(now.recurrences === 0, () => `${where}: new issue ${id} with recurrences`);
      for (const k of OFFICE_ONLY_LEDGER_FIELDS)
        must(now[k] === undefined, () => `${where}: new issue with ${k}`);
    }
    const err = checkTransition(p, null, now.status as LedgerStatus);
    must(err === null, () => `${where}: new issue as ${String(now.status)}`);
  }
}

describe('the rules over random updates', () => {
  it('after every accepted update rows fit their schema and changes were the role’s; refused ones change nothing', {
    timeout: 120_000,
  }, () => {
    console.log(`rules property: seed ${SEED}, ${STEPS} updates (RULES_SEED=${SEED} to replay)`);
    const rnd = rng(SEED);
    const live = new Y.Doc();
    initTable(live, ledgerSchema);
    live.transact(() => {
      const rows = live.getMap('rows');
      for (let i = 0; i < 12; i++) {
        const id = rowId(rnd);
        const status = pick(rnd, ['open', 'in_progress', 'rectified', 'closed', 'reopened']);
        const values = { ...completeIssue(rnd, id), status, recurrences: status === 'reopened' ? 1 : 0 };
        rows.set(id, new Y.Map(Object.entries(values)));
      }
    });
    const guard = new UpdateGuard(live, ROOM);
    // The live state as one update, made again only when the live document changes.
    let liveUpdate: Uint8Array | null = null;
    const fresh = () => {
      const d = new Y.Doc();
      liveUpdate ??= Y.encodeStateAsUpdate(live);
      Y.applyUpdate(d, liveUpdate);
      return d;
    };
    const peers = Array.from({ length: 4 }, fresh);
    const tally = { accepted: 0, refused: 0, dropped: 0, unapplicable: 0 };
    const roleNames = Object.keys(ROLES);
    for (let step = 0; step < STEPS; step++) {
      const where = `seed ${SEED} step ${step}`;
      const roleName = pick(rnd, roleNames);
      const principal = ROLES[roleName]!;
      const i = Math.floor(rnd() * peers.length);
      const peer = peers[i]!;
      if (rnd() < 0.6) Y.applyUpdate(peer, Y.encodeStateAsUpdate(live, Y.encodeStateVector(peer)));
      let update: Uint8Array;
      if (rnd() < 0.12) {
        // A hand-built item: into a row, into the rows map, or into meta.
        const ids = [...live.getMap('rows').keys()];
        const rowItem = ids.length > 0 ? live.getMap('rows')._map.get(pick(rnd, ids)) : undefined;
        const target = rnd();
        if (target < 0.6 && rowItem) update = handBuilt(rnd, rowItem.id, pick(rnd, [...FIELD_KEYS, null]));
        else if (target < 0.8) update = handBuilt(rnd, 'rows', rowId(rnd));
        else update = handBuilt(rnd, 'meta', pick(rnd, ['table', 'field.floor', 'junk']));
      } else {
        const updates: Uint8Array[] = [];
        const collect = (u: Uint8Array) => updates.push(u);
        peer.on('update', collect);
        peer.transact(() => {
          for (let n = 1 + Math.floor(rnd() * 2); n > 0; n--) edit(peer, rnd, principal);
        });
        peer.off('update', collect);
        update = updates[0] ?? new Uint8Array([0, 0]);
      }
      const before = stateOf(live);
      const known = new Map(
        [...live.store.clients.keys()].map((c) => [c, Y.getState(live.store, c)] as const),
      );
      // The server's steps: a connection without write access has its updates dropped.
      let accepted = false;
      if (roomAccess(principal, ROOM) !== 'write') tally.dropped++;
      else {
        const decoded = decodeUpdate(update);
        if (isRefusal(decoded) || checkDecodedUpdate(live, decoded)) tally.unapplicable++;
        else {
          const verdict = guard.check(update, principal, decoded);
          if (isRefusal(verdict)) tally.refused++;
          else {
            Y.applyUpdate(live, update);
            liveUpdate = null;
            accepted = true;
            tally.accepted++;
          }
        }
      }
      const after = stateOf(live);
      if (!accepted) {
        must(
          after.sv === before.sv &&
            JSON.stringify([...after.rows]) === JSON.stringify([...before.rows]) &&
            JSON.stringify(after.meta) === JSON.stringify(before.meta),
          () => `${where}: a ${roleName}'s refused update changed the document`,
        );
        // A writer's copy now holds what the room refused: start it again from the room.
        // (A reader's copy may keep its edits: whatever it sends is dropped.)
        if (roomAccess(principal, ROOM) === 'write') {
          peer.destroy();
          peers[i] = fresh();
        }
        continue;
      }
      checkDocument(live, known, `${where} (${roleName})`);
      checkRights(before, after, principal, `${where} (${roleName})`);
    }
    console.log(`rules property: seed ${SEED}: ${JSON.stringify(tally)}`);
    expect(tally.accepted, `seed ${SEED}`).toBeGreaterThan(STEPS / 10);
    expect(tally.refused, `seed ${SEED}`).toBeGreaterThan(STEPS / 10);
  });
});
