// The rule gaps an adversarial run found (issue #11, findings 1-4), through the real
// server: the official y-websocket client for what a client library makes, hand-built
// Yjs updates on a raw socket for what it does not. Each refused update closes its
// connection with 4422 and the rule's code, and changes nothing live or stored.
import { CloseCode, issueCode, newRowId } from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAccounts, login } from '../support/accounts.ts';
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

const ROOM = 'ledger.taoyuan';
let server: ServerProcess;
let memberToken: string;
let office: TestClient;
const clients: TestClient[] = [];
const open = newRowId();
const closed = newRowId();
const inspected = newRowId();
const PERSON = '01J000000000000000000PERS0';

beforeAll(async () => {
  const dataDir = tempDataDir();
  await createAccounts({ dataDir }, [
    { username: 'g-member', role: 'member', committeeId: 'taoyuan' },
    { username: 'g-staff', role: 'staff' },
  ]);
  server = await startServerProcess({ dataDir });
  memberToken = await login(server.url, 'g-member');
  office = connectClient(server.wsUrl, ROOM, { token: await login(server.url, 'g-staff') });
  clients.push(office);
  await whenSynced(office);
  office.doc.transact(() => {
    office.doc.getMap('meta').set('table', 'ledger');
    office.doc.getMap('meta').set('schemaVersion', 1);
    office.rows.set(open, rowMap(completeRow(ROOM, open, { recurrences: 0 })));
    const written = {
      status: 'closed',
      verifiedBy: PERSON,
      closedAt: '2026-03-03T10:00:00+08:00',
      recurrences: 2,
    };
    office.rows.set(closed, rowMap(completeRow(ROOM, closed, written)));
    office.rows.set(inspected, rowMap(completeRow(ROOM, inspected, { source: 'district_inspection' })));
  });
  await office.confirm();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

type Closed = { code: number; reason: string } | null;

/** A member edits through the official client; resolves with how the server closed it, or null. */
async function memberEdit(edit: (doc: Y.Doc, rows: Y.Map<Y.Map<unknown>>) => void): Promise<Closed> {
  const c = connectClient(server.wsUrl, ROOM, { token: memberToken });
  clients.push(c);
  await whenSynced(c);
  const closedBy = new Promise<{ code: number; reason: string }>((resolve) =>
    c.provider.on('connection-close', (e: { code: number; reason: string } | null) => e && resolve(e)),
  );
  c.doc.transact(() => edit(c.doc, c.rows));
  const result = await Promise.race([closedBy, c.confirm().then(() => null)]);
  c.destroy();
  return result;
}

/** A member sends a hand-built update on a raw socket; resolves with how the server closed it. */
async function memberSends(update: Uint8Array): Promise<{ code: number; reason: string }> {
  const sock = rawSocket(server.wsUrl, ROOM, { token: memberToken });
  await sock.opened;
  sock.ws.send(syncUpdateFrame(update));
  return sock.closed;
}

/** One item as a whole update, in the live document's terms (parent by id, under a key). */
function oneItem(parent: Y.ID, key: string, content: ConstructorParameters<typeof Y.Item>[7]): Uint8Array {
  const client = 1_000_000 + Math.floor(Math.random() * 1_000_000);
  const item = new Y.Item(Y.createID(client, 0), null, null, null, null, parent, key, content);
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1); // clients
  encoding.writeVarUint(encoder.restEncoder, 1); // structs of that client
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, 0); // first clock
  item.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0); // empty delete set
  return encoder.toUint8Array();
}

function rowItemId(rowId: string): Y.ID {
  const item = office.rows._map.get(rowId);
  if (!item) throw new Error(`no row ${rowId}`);
  return item.id;
}

function expectRefused(result: Closed, rule: RegExp) {
  expect(result?.code).toBe(CloseCode.ruleViolation);
  expect(result?.reason).toMatch(rule);
}

function expectUnchanged(before: ReturnType<typeof snapshotRows>, meta: [string, unknown][]) {
  expect(snapshotRows(office.doc)).toEqual(before);
  const stored = readStoredRoom(server.dataDir, ROOM).doc;
  expect(snapshotRows(stored)).toEqual(before);
  expect([...stored.getMap('meta').entries()].sort()).toEqual(meta);
}

const metaNow = () => [...office.doc.getMap('meta').entries()].sort();

describe('rule gaps found by the adversarial run', () => {
  it('a member cannot change its ledger’s table kind or schema version, and the office’s edits go on', async () => {
    const before = snapshotRows(office.doc);
    const meta = metaNow();
    expectRefused(await memberEdit((doc) => doc.getMap('meta').set('table', 'sites')), /meta_not_allowed/);
    expectRefused(
      await memberEdit((doc) => doc.getMap('meta').set('schemaVersion', 999999)),
      /meta_not_allowed/,
    );
    expectRefused(await memberEdit((doc) => doc.getMap('meta').delete('table')), /meta_not_allowed/);
    expectUnchanged(before, meta);
    office.rows.get(open)?.set('rectification', '已清理');
    await office.confirm();
    await waitFor(() => readStoredRoom(server.dataDir, ROOM).doc.getMap('rows').size === 3, 5000, 'stored');
  });

  it('a member cannot empty the office’s fields or required fields, nor make incomplete or odd rows', async () => {
    const before = snapshotRows(office.doc);
    const meta = metaNow();
    for (const key of ['verifiedBy', 'closedAt']) {
      expectRefused(await memberEdit((_, rows) => rows.get(closed)?.delete(key)), /field_office_only/);
    }
    for (const key of ['description', 'siteId', 'category', 'committeeId', 'status']) {
      expectRefused(await memberEdit((_, rows) => rows.get(open)?.delete(key)), /required_cleared/);
    }
    expectRefused(await memberEdit((_, rows) => rows.get(open)?.set('description', '')), /required_cleared/);
    const fresh = newRowId();
    expectRefused(await memberEdit((_, rows) => rows.set(fresh, rowMap({ id: fresh }))), /row_incomplete/);
    expectRefused(await memberEdit((_, rows) => rows.set('recurrences', new Y.Map())), /invalid_row_id/);
    expectUnchanged(before, meta);
  });

  it('a member cannot hide data in a row: no content a field cannot hold, no key no field defines', async () => {
    const before = snapshotRows(office.doc);
    const meta = metaNow();
    const row = rowItemId(open);
    const big = 'x'.repeat(200_000);
    for (const [key, content] of [
      ['hidden', new Y.ContentFormat('bold', big)],
      ['description', new Y.ContentFormat('bold', big)],
      ['description', new Y.ContentString('藏起来的')],
      ['description', new Y.ContentEmbed({ image: big })],
      ['description', new Y.ContentBinary(new Uint8Array(1000))],
      ['description', new Y.ContentType(new Y.Text())],
      ['description', new Y.ContentAny(['a', 'b'])],
      ['hidden', new Y.ContentAny(['plain text'])],
      ['hidden', new Y.ContentDeleted(5)],
    ] as const) {
      const result = await memberSends(oneItem(row, key, content));
      expect(result.code, `${key} ${content.constructor.name}`).toBe(CloseCode.ruleViolation);
      expect(result.reason).toMatch(/malformed_table|unknown_field/);
    }
    expectUnchanged(before, meta);
  });

  it('a member cannot reset recurrences or delete an issue the district inspectors reported', async () => {
    const before = snapshotRows(office.doc);
    const meta = metaNow();
    expectRefused(
      await memberEdit((_, rows) => rows.get(closed)?.set('recurrences', 0)),
      /recurrences_by_reopen/,
    );
    const deleted = await memberEdit((_, rows) => rows.delete(inspected));
    expectRefused(deleted, /delete_office_only/);
    expect(deleted?.reason).toContain(`issue ${issueCode(inspected)}`);
    expectRefused(
      await memberEdit((_, rows) => rows.get(inspected)?.set('source', 'self_check')),
      /source_office_only/,
    );
    expectUnchanged(before, meta);
    // Its own open finding it may delete.
    expect(await memberEdit((_, rows) => rows.delete(open))).toBeNull();
    await waitFor(() => !office.rows.has(open), 5000, 'deleted');
  });
});
