// Complete rows for in-process tests: the server accepts a row only when it is created
// with every required field, so a fake client that makes one fills them in from the
// room's schema (its default, or a valid value of the field's kind).
import { type CellValue, type FieldDef, parseRoomName, schemaForTable } from '@civic-ledger/shared';

const REF_ID = '01J0000000000000000000REF0';

function sample(field: FieldDef, id: string, committeeId: string): CellValue {
  if (field.default !== undefined) return field.default;
  if (field.key === 'id') return id;
  switch (field.kind) {
    case 'text':
      return field.key;
    case 'number':
      return field.min ?? 0;
    case 'boolean':
      return false;
    case 'date':
      return '2026-03-02';
    case 'datetime':
      return '2026-03-02T09:00:00+08:00';
    case 'time':
      return '08:00';
    case 'select':
      return field.options[0]?.value ?? null;
    case 'multiselect':
      return field.options.slice(0, 1).map((o) => o.value);
    case 'person':
    case 'site':
      return REF_ID;
    case 'committee':
      return committeeId;
    case 'photos':
      return [];
  }
}

/** Every required field of a new row in `room`, then `fields` over them. */
export function completeRow(
  room: string,
  id: string,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const parsed = parseRoomName(room);
  if (!parsed.ok) throw new Error(`not a room: ${room}`);
  const committeeId = parsed.value.committeeId ?? 'taoyuan';
  const values: Record<string, unknown> = {};
  for (const field of schemaForTable(parsed.value.table).fields) {
    if (field.required) values[field.key] = sample(field, id, committeeId);
  }
  // A ledger row as the grid makes it carries its deadline, so the server has none to fill
  // (deadline-fill.ts) and a test sees only the updates its peers send.
  if (parsed.value.table === 'ledger') values.deadline = '2026-03-03';
  return { ...values, ...fields };
}
