// POST /api/import/preview: an uploaded XLSX or CSV read through the column mapping and
// validated row by row, with nothing written. The client writes the accepted rows itself
// as one Yjs change (`applyImportRows`), so the import syncs, merges and undoes like any edit.
import {
  can,
  domainError,
  type ImportLookups,
  parseRoomName,
  type RefEntry,
  rowsOfTable,
  type SheetCell,
  schemaForTable,
} from '@civic-ledger/shared';
import type { Hono } from 'hono';
import { log } from '../../ops/log.ts';
import type { DistrictReader } from '../../reports/district-state.ts';
import type { ImportPool } from '../../reports/import-pool.ts';
import { sniffFormat } from '../../reports/sheet-reader.ts';
import type { AppEnv } from '../app-env.ts';

function badRequest(zh: string, en: string) {
  return { error: domainError('bad_request', zh, en) };
}

/** A JSON parameter (mapping, fixed values), or undefined; `false` when it is not JSON. */
function jsonParam(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return false;
  }
}

function readMapping(value: unknown): { column: number; field: string | null }[] | null | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return null;
  const out: { column: number; field: string | null }[] = [];
  for (const item of value) {
    const { column, field } = (item ?? {}) as { column?: unknown; field?: unknown };
    if (typeof column !== 'number' || (field !== null && typeof field !== 'string')) return null;
    out.push({ column, field });
  }
  return out;
}

function readFixed(value: unknown): Record<string, SheetCell> | null | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Record<string, SheetCell> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
    out[key] = v;
  }
  return out;
}

function entries(rows: readonly Record<string, unknown>[]): RefEntry[] {
  return rows
    .filter((r) => typeof r.name === 'string')
    .map((r) => ({
      id: String(r.id),
      name: String(r.name),
      committeeId: typeof r.committeeId === 'string' ? r.committeeId : null,
    }));
}

export function mountImportRoutes(
  app: Hono<AppEnv>,
  deps: { reader: DistrictReader; pool: ImportPool },
): void {
  // The upload's size is bounded while it is read, in ../body-limits.ts.
  app.post('/api/import/preview', async (c) => {
    const account = c.get('account');
    // The file comes as multipart form data (field `file`) or as the raw body; the other
    // parameters as form fields or in the query.
    const params = new Map<string, string>(Object.entries(c.req.query()));
    let bytes: Uint8Array;
    if ((c.req.header('content-type') ?? '').startsWith('multipart/form-data')) {
      const form = await c.req.parseBody().catch(() => null);
      if (!form) return c.json(badRequest('表单格式错误', 'malformed form data'), 400);
      for (const [key, value] of Object.entries(form)) if (typeof value === 'string') params.set(key, value);
      const file = form.file;
      if (!(file instanceof File))
        return c.json(badRequest('请选择文件', 'send the file in the "file" field'), 400);
      bytes = new Uint8Array(await file.arrayBuffer());
      if (!params.has('format') && /\.csv$/i.test(file.name)) params.set('format', 'csv');
      if (!params.has('format') && /\.xlsx$/i.test(file.name)) params.set('format', 'xlsx');
    } else {
      bytes = new Uint8Array(await c.req.arrayBuffer());
    }
    if (bytes.byteLength === 0) return c.json(badRequest('文件是空的', 'the file is empty'), 400);

    const room = parseRoomName(params.get('room') ?? '');
    if (!room.ok) return c.json({ error: room.error }, 400);
    if (!can(account, 'write', room.value)) {
      return c.json(
        { error: domainError('forbidden', '无权导入到此表', 'no right to write to this room') },
        403,
      );
    }
    const mapping = readMapping(jsonParam(params.get('mapping')));
    const fixed = readFixed(jsonParam(params.get('fixed')));
    if (mapping === null) {
      return c.json(badRequest('列对应格式错误', 'mapping must be JSON [{ column, field }]'), 400);
    }
    if (fixed === null) return c.json(badRequest('固定值格式错误', 'fixed must be a JSON object'), 400);
    const headerRowText = params.get('headerRow');
    const headerRow = headerRowText ? Number(headerRowText) : undefined;
    if (headerRow !== undefined && !(Number.isInteger(headerRow) && headerRow >= 1)) {
      return c.json(badRequest('表头行号无效', 'headerRow must be a row number from 1'), 400);
    }

    const district = await deps.reader.read(
      'now',
      (r) => r.committeeId === undefined || r.name === room.value.name,
    );
    const target = district?.rooms.find((r) => r.room === room.value.name);
    const schema = district?.schemas.get(room.value.table) ?? schemaForTable(room.value.table);

    const registry = district?.rooms ?? [];
    const lookups: ImportLookups = {
      site: entries(rowsOfTable(registry, 'sites')),
      person: entries(rowsOfTable(registry, 'people')),
      committee: entries(rowsOfTable(registry, 'committees')),
    };
    const format = sniffFormat(bytes, params.get('format'));
    // Read and checked in a worker: the event loop keeps answering while it works.
    const answer = await deps.pool.run({
      bytes,
      format,
      sheet: params.get('sheet'),
      request: {
        schema,
        room: room.value,
        principal: {
          role: account.role,
          committeeId: account.committeeId,
          personId: account.personId ?? null,
        },
        lookups,
        ...(headerRow !== undefined ? { headerRow } : {}),
        ...(mapping ? { mapping } : {}),
        ...(fixed ? { fixed } : {}),
        existingIds: (target?.rows ?? []).map((r) => String(r.id)),
      },
    });
    if (!answer.ok) {
      log.warn('import refused', {
        user: account.username,
        room: room.value.name,
        code: answer.error.code,
      });
      return c.json(
        { error: answer.error },
        answer.status,
        answer.status === 503 ? { 'retry-after': '30' } : {},
      );
    }
    log.info('import preview', {
      user: account.username,
      room: room.value.name,
      format,
      rows: answer.value.rows,
      rejected: answer.value.rejected,
    });
    // Written as JSON by the worker: a preview of thousands of rows is one buffer to pass on.
    return c.body(answer.value.body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}
