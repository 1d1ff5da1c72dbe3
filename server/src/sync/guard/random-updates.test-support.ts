// Random updates to a ledger room built at the Yjs level, for the rules' property test:
// edits on a client's copy (valid ones, invalid values, emptied fields, odd row keys,
// nested types, meta keys, other root types) and hand-built items of every content kind.
import {
  applyTransition,
  encodeRowId,
  ISSUE_CATEGORIES,
  ISSUE_SOURCES,
  LEDGER_STATUSES,
  type LedgerStatus,
  ledgerSchema,
  type Principal,
  type RowValues,
} from '@civic-ledger/shared';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rnd = () => number;
export const pick = <T>(rnd: Rnd, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

export function rowId(rnd: Rnd): string {
  const bytes = new Uint8Array(10).map(() => Math.floor(rnd() * 256));
  return encodeRowId(1_767_225_600_000 + Math.floor(rnd() * 1e9), bytes);
}

const SITE = '01J0000000000000000000SITE';
const PERSON = '01J000000000000000000PERS0';

export function completeIssue(rnd: Rnd, id: string): RowValues {
  return {
    id,
    committeeId: 'taoyuan',
    siteId: SITE,
    category: pick(rnd, ISSUE_CATEGORIES).value,
    description: `问题 ${Math.floor(rnd() * 1000)}`,
    source: pick(rnd, ISSUE_SOURCES).value,
    foundAt: '2026-03-02T09:00:00+08:00',
    status: 'open',
    recurrences: 0,
  };
}

/** A value for any field key: often right, often wrong, sometimes empty. */
function randomValue(rnd: Rnd): unknown {
  return pick(rnd, [
    null,
    '',
    'text',
    `说明 ${Math.floor(rnd() * 100)}`,
    0,
    1,
    3,
    -1,
    1.5,
    true,
    ['a', 'b'],
    '2026-03-05',
    '2026-02-30',
    '2026-03-05T10:00:00+08:00',
    SITE,
    PERSON,
    'taoyuan',
    'hongqiao',
    'closed',
    'reopened',
    'in_progress',
    'rectified',
    'district_inspection',
    'self_check',
    'street_rubbish',
    { nested: 'object' },
  ]);
}

export const FIELD_KEYS = [...ledgerSchema.fields.map((f) => f.key), 'colour', 'hidden', 'floor'];
const ODD_KEYS = ['recurrences', 'x', 'taoyuan', 'meta', '', 'a'.repeat(70)];
const CUSTOM = { key: 'floor', kind: 'number', label: { 'zh-CN': '楼层', en: 'Floor' }, integer: true };

/** Content kinds no field can hold, as hand-built items. */
function oddContent(rnd: Rnd): Y.Item['content'] {
  return pick(rnd, [
    () => new Y.ContentFormat('bold', 'x'.repeat(100)),
    () => new Y.ContentEmbed({ image: 'x' }),
    () => new Y.ContentString('hidden'),
    () => new Y.ContentBinary(new Uint8Array(20)),
    () => new Y.ContentDoc(new Y.Doc()),
    () => new Y.ContentJSON(['x']),
    () => new Y.ContentType(new Y.Text()),
    () => new Y.ContentType(new Y.Array()),
    () => new Y.ContentAny(['a', 'b']),
    () => new Y.ContentAny([{ object: true }]),
    () => new Y.ContentAny(['plain']),
    () => new Y.ContentDeleted(3),
  ])();
}

/** One hand-built item under `parent` (an item's id or a root name), as a whole update. */
export function handBuilt(rnd: Rnd, parent: Y.ID | string, key: string | null): Uint8Array {
  const client = 100_000 + Math.floor(rnd() * 1_000_000_000);
  const item = new Y.Item(
    Y.createID(client, 0),
    null,
    null,
    null,
    null,
    parent as never,
    key,
    oddContent(rnd),
  );
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, 0);
  item.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

export function plain(row: Y.Map<unknown>): Record<string, unknown> {
  return Object.fromEntries(
    [...row.entries()].map(([k, v]) => [k, v instanceof Y.AbstractType ? v.toJSON() : v]),
  );
}

/** One random edit on a peer's copy, as a client (or a broken or hostile one) might make it. */
export function edit(doc: Y.Doc, rnd: Rnd, principal: Principal): void {
  const rows = doc.getMap('rows') as Y.Map<Y.Map<unknown>>;
  const meta = doc.getMap('meta');
  const ids = [...rows.keys()].sort();
  const id = ids.length > 0 ? pick(rnd, ids) : rowId(rnd);
  const row = rows.get(id);
  const r = rnd();
  if (r < 0.12 || !(row instanceof Y.Map)) {
    const created = rnd() < 0.85 ? rowId(rnd) : pick(rnd, ODD_KEYS);
    const values: Record<string, unknown> = completeIssue(rnd, created);
    if (rnd() < 0.3) delete values[pick(rnd, FIELD_KEYS)];
    if (rnd() < 0.2) values[pick(rnd, FIELD_KEYS)] = randomValue(rnd);
    rows.set(created, new Y.Map(Object.entries(values)));
  } else if (r < 0.3) {
    const to = pick(rnd, LEDGER_STATUSES).value as LedgerStatus;
    const patch = applyTransition(plain(row) as RowValues, to, {
      principal,
      actorId: PERSON,
      now: new Date(),
    });
    if (patch.ok)
      for (const [k, v] of Object.entries(patch.value)) v === null ? row.delete(k) : row.set(k, v);
    else row.set('status', to);
  } else if (r < 0.5) row.set(pick(rnd, FIELD_KEYS), randomValue(rnd));
  else if (r < 0.6) row.delete(pick(rnd, FIELD_KEYS));
  else if (r < 0.68) rows.delete(id);
  else if (r < 0.72) row.set(pick(rnd, FIELD_KEYS), pick(rnd, [new Y.Text('t'), new Y.Map(), new Y.Array()]));
  else if (r < 0.76) row.set('recurrences', Math.floor(rnd() * 4));
  else if (r < 0.8) meta.set('table', pick(rnd, ['ledger', 'sites', 'roster', 42]));
  else if (r < 0.83) meta.set('schemaVersion', pick(rnd, [1, 2, 999999, '1']));
  else if (r < 0.86)
    meta.set(
      pick(rnd, ['field.floor', 'field.status', 'field.x', 'junk']),
      pick(rnd, [CUSTOM, { ...CUSTOM, required: true }, 'x']),
    );
  else if (r < 0.88) meta.delete(pick(rnd, ['table', 'schemaVersion', 'field.floor']));
  else if (r < 0.9) doc.getMap('other').set('x', 1);
  else if (r < 0.93)
    rows.set(
      id,
      new Y.Map(Object.entries({ ...completeIssue(rnd, id), status: pick(rnd, ['open', 'closed']) })),
    );
  else if (r < 0.96) row.set('source', pick(rnd, ISSUE_SOURCES).value);
  else {
    // Several changes in one update.
    row.set('description', '多处修改');
    const other = rows.get(pick(rnd, ids));
    if (other instanceof Y.Map) other.delete(pick(rnd, FIELD_KEYS));
  }
}
