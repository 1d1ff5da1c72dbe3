// Checks a writer's update on a scratch copy of the room before the room applies it:
// what changed (rows, fields, meta) is read off the copy, and the shared change rules
// decide. The copy follows every accepted update; after a refusal it is rebuilt from
// the live document, which the refused update never touched.
import {
  type CellValue,
  changedFields,
  checkChanges,
  type DomainError,
  META_MAP,
  type MetaChange,
  type Principal,
  ROWS_MAP,
  type Room as RoomName,
  type RowChange,
  type RowValues,
  readTableSchema,
  schemaForTable,
} from '@civic-ledger/shared';
import * as Y from 'yjs';

export type GuardResult = { ok: true; changes: RowChange[] } | { ok: false; error: DomainError };

/** Stands in for a nested Yjs type in a cell, which no field accepts. */
const NESTED_TYPE = Object.freeze({ nestedType: true }) as unknown as CellValue;

function rowValues(value: unknown): RowValues | null | 'not-a-row' {
  if (value === undefined) return null;
  if (!(value instanceof Y.Map)) return 'not-a-row';
  const out: RowValues = {};
  for (const [k, v] of value.entries()) out[k] = v instanceof Y.AbstractType ? NESTED_TYPE : (v as CellValue);
  return out;
}

const malformed = (en: string, zh: string): GuardResult => ({
  ok: false,
  error: { code: 'malformed_table', message: { 'zh-CN': zh, en } },
});

export class UpdateGuard {
  private mirror: Y.Doc | null = null;

  constructor(
    private readonly live: Y.Doc,
    private readonly room: RoomName,
  ) {}

  private scratch(): Y.Doc {
    if (!this.mirror) {
      this.mirror = new Y.Doc();
      Y.applyUpdate(this.mirror, Y.encodeStateAsUpdate(this.live));
    }
    return this.mirror;
  }

  /** Keeps the copy in step with an update the room accepted without checking here. */
  follow(update: Uint8Array): void {
    if (this.mirror) Y.applyUpdate(this.mirror, update);
  }

  dispose(): void {
    this.mirror?.destroy();
    this.mirror = null;
  }

  check(update: Uint8Array, principal: Principal): GuardResult {
    const mirror = this.scratch();
    const rows = mirror.getMap(ROWS_MAP);
    const meta = mirror.getMap(META_MAP);
    const touched = new Map<string, Set<string> | null>();
    const metaKeys = new Set<string>();
    let foreign = false;
    const onAfter = (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed) {
        if ((type as unknown) === rows) {
          for (const k of keys) if (k !== null) touched.set(k, null);
        } else if ((type as unknown) === meta) {
          for (const k of keys) if (k !== null) metaKeys.add(k);
        } else if (type instanceof Y.Map && type._item?.parent === rows && type._item.parentSub) {
          const id = type._item.parentSub;
          const existing = touched.get(id);
          if (existing === null) continue;
          const set = existing ?? new Set<string>();
          for (const k of keys) if (k !== null) set.add(k);
          touched.set(id, set);
        } else {
          foreign = true;
        }
      }
    };
    mirror.on('afterTransaction', onAfter);
    let result: GuardResult;
    try {
      Y.applyUpdate(mirror, update);
      result = foreign
        ? malformed('the update changes something other than rows and meta', '更新包含表格以外的内容')
        : this.judge(mirror, touched, metaKeys, principal);
    } catch (err) {
      result = malformed(`update failed on the scratch copy: ${String(err)}`, '更新无法应用');
    } finally {
      mirror.off('afterTransaction', onAfter);
    }
    if (!result.ok) this.dispose();
    return result;
  }

  private judge(
    mirror: Y.Doc,
    touched: Map<string, Set<string> | null>,
    metaKeys: Set<string>,
    principal: Principal,
  ): GuardResult {
    const liveRows = this.live.getMap(ROWS_MAP);
    const afterRows = mirror.getMap(ROWS_MAP);
    const changes: RowChange[] = [];
    for (const [rowId, keys] of touched) {
      const before = rowValues(liveRows.get(rowId));
      const after = rowValues(afterRows.get(rowId));
      if (after === 'not-a-row') return malformed(`row ${rowId.slice(0, 40)} is not a map`, '行数据格式错误');
      const b = before === 'not-a-row' ? null : before;
      const differs = (k: string) => JSON.stringify(b?.[k]) !== JSON.stringify(after?.[k]);
      const fields = keys === null ? changedFields(b, after) : [...keys].filter(differs).sort();
      if (fields.length > 0 || (b === null) !== (after === null))
        changes.push({ rowId, before: b, after, fields });
    }
    const metaMap = mirror.getMap(META_MAP);
    const metaChanges: MetaChange[] = [...metaKeys].map((key) => ({ key, after: metaMap.get(key) }));
    const schema = readTableSchema(mirror);
    const ctx = {
      schema: schema.ok ? schema.value : schemaForTable(this.room.table),
      principal,
      room: this.room,
    };
    const error = checkChanges(ctx, changes, metaChanges);
    return error ? { ok: false, error } : { ok: true, changes };
  }
}
