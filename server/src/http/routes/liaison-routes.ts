// GET /api/export/liaison/xlsx and /csv: the liaison daily report (联络员日报) of one day,
// now, as a download built by the shared report and sheet, the same as the page shows.
import {
  contentDisposition,
  domainError,
  isIsoDate,
  type Locale,
  liaisonDailyReport,
  liaisonSheet,
  type RowValues,
  todayInShanghai,
} from '@civic-ledger/shared';
import type { Hono } from 'hono';
import { log } from '../../ops/log.ts';
import type { DistrictReader } from '../../reports/district-state.ts';
import { readScope, resolveScope, snapshotNotFound } from '../../reports/report-scope.ts';
import { csvStream, xlsxStream } from '../../reports/spreadsheet-stream.ts';
import type { AppEnv } from '../app-env.ts';

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

export function mountLiaisonRoutes(app: Hono<AppEnv>, deps: { reader: DistrictReader }): void {
  app.get('/api/export/liaison/:format', async (c) => {
    const format = c.req.param('format');
    if (format !== 'xlsx' && format !== 'csv') {
      return c.json(
        { error: domainError('not_found', '不支持的导出格式', 'format must be xlsx or csv') },
        404,
      );
    }
    const date = c.req.query('date') || todayInShanghai();
    if (!isIsoDate(date)) {
      return c.json(
        { error: domainError('bad_request', '日期须为 YYYY-MM-DD', 'date must be YYYY-MM-DD') },
        400,
      );
    }
    const account = c.get('account');
    const scoped = resolveScope(account, 'export', { committee: c.req.query('committee') });
    if (!scoped.ok) return c.json({ error: scoped.refusal.error }, scoped.refusal.status);
    const read = await readScope(deps.reader, scoped.scope);
    if (!read) return c.json({ error: snapshotNotFound() }, 404);
    const rowsOf = (table: string): RowValues[] =>
      read.rooms.filter((r) => r.table === table).flatMap((r) => [...r.rows]);
    const locale: Locale = c.req.query('locale') === 'en' ? 'en' : 'zh-CN';
    const report = liaisonDailyReport(rowsOf('ledger'), rowsOf('people'), date);
    const sheet = liaisonSheet(report, read.names, locale);
    log.info('export', { user: account.username, format, content: 'liaison', date, rows: report.length });
    const where = scoped.scope.committeeId ?? 'district';
    return new Response(format === 'xlsx' ? xlsxStream([sheet]) : csvStream(sheet), {
      headers: {
        'content-type': CONTENT_TYPES[format],
        'content-disposition': contentDisposition(
          `联络员日报_${date}.${format}`,
          `civic-ledger_liaison_${where}_${date}.${format}`,
        ),
        'cache-control': 'no-store',
        'x-export-rows': String(report.length),
      },
    });
  });
}
