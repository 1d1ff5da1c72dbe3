// GET /api/export/xlsx and /api/export/csv: the district or one committee, now or as a
// snapshot froze it, as a download (UTF-8 file name, streamed, row count in a header).
import {
  contentDisposition,
  domainError,
  exportSheets,
  isoShanghai,
  isTableName,
  type Locale,
  TABLE_LABELS,
  type TableName,
} from '@civic-ledger/shared';
import type { Hono } from 'hono';
import { log } from '../../ops/log.ts';
import type { DistrictReader } from '../../reports/district-state.ts';
import { type ReportScope, readScope, resolveScope, snapshotNotFound } from '../../reports/report-scope.ts';
import { csvStream, xlsxStream } from '../../reports/spreadsheet-stream.ts';
import type { AppEnv } from '../app-env.ts';

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** `问题台账_桃园居委_2026-03-02_1600.xlsx` and its ASCII fallback. */
function fileNames(
  format: 'xlsx' | 'csv',
  content: TableName | 'totals' | 'all',
  scope: ReportScope,
  committeeName: string | null,
  at: Date,
): { name: string; ascii: string } {
  const stamp = isoShanghai(at).slice(0, 16); // 2026-03-02T16:00
  const what =
    content === 'all' ? '创全台账' : content === 'totals' ? '汇总' : TABLE_LABELS[content]['zh-CN'];
  const where = scope.committeeId === null ? '全街道' : (committeeName ?? scope.committeeId);
  const snapshot = scope.source === 'now' ? '' : '_快照';
  const compact = stamp.replace(/[-:]/g, '').replace('T', '-');
  return {
    name: `${what}_${where}_${stamp.replace('T', '_').replace(':', '')}${snapshot}.${format}`,
    ascii: `civic-ledger_${content}_${scope.committeeId ?? 'district'}_${compact}.${format}`,
  };
}

export function mountExportRoutes(app: Hono<AppEnv>, deps: { reader: DistrictReader }): void {
  app.get('/api/export/:format', async (c) => {
    const format = c.req.param('format');
    if (format !== 'xlsx' && format !== 'csv') {
      return c.json(
        { error: domainError('not_found', '不支持的导出格式', 'format must be xlsx or csv') },
        404,
      );
    }
    const account = c.get('account');
    const scoped = resolveScope(account, 'export', {
      snapshot: c.req.query('snapshot'),
      committee: c.req.query('committee'),
    });
    if (!scoped.ok) return c.json({ error: scoped.refusal.error }, scoped.refusal.status);
    const scope = scoped.scope;
    const tableParam = c.req.query('table') || (format === 'csv' ? 'ledger' : undefined);
    if (
      tableParam !== undefined &&
      !isTableName(tableParam) &&
      !(format === 'csv' && tableParam === 'totals')
    ) {
      return c.json(
        { error: domainError('bad_request', '没有这个表', `no table "${tableParam.slice(0, 40)}"`) },
        400,
      );
    }
    const locale: Locale = c.req.query('locale') === 'en' ? 'en' : 'zh-CN';
    const read = await readScope(deps.reader, scope);
    if (!read) return c.json({ error: snapshotNotFound() }, 404);
    const tables = tableParam === undefined ? undefined : isTableName(tableParam) ? [tableParam] : [];
    const sheets = exportSheets({
      rooms: read.rooms,
      schemas: read.view.schemas,
      names: read.names,
      at: read.view.at,
      tables,
      totals: format === 'xlsx' ? (tables ?? ['ledger']).includes('ledger') : tableParam === 'totals',
      locale,
    });
    const committeeName = scope.committeeId ? (read.names.committee.get(scope.committeeId) ?? null) : null;
    const content = tableParam === undefined ? 'all' : (tableParam as TableName | 'totals');
    const { name, ascii } = fileNames(format, content, scope, committeeName, read.view.at);
    const rows = sheets.filter((s) => s.content !== 'totals').reduce((n, s) => n + s.rowCount, 0);
    log.info('export', {
      user: account.username,
      format,
      content,
      committee: scope.committeeId,
      snapshot: read.view.snapshot?.id ?? null,
      rows,
    });
    const csvSheet = sheets[0];
    const body = format === 'xlsx' ? xlsxStream(sheets) : csvSheet ? csvStream(csvSheet) : null;
    return new Response(body, {
      headers: {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': contentDisposition(name, ascii),
        'cache-control': 'no-store',
        // For the client's progress: how many rows the file holds, and what it shows.
        'x-export-rows': String(rows),
        'x-export-at': isoShanghai(read.view.at),
        ...(read.view.snapshot ? { 'x-snapshot-id': read.view.snapshot.id } : {}),
      },
    });
  });
}
