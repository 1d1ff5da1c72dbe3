// GET /api/bulletin: the weekly bulletin (每周通报) of now or of a snapshot, compared with
// the last bulletin, as printable HTML (default) or as JSON for the client to lay out.
import { addDays, buildBulletin, domainError, isoShanghai, shanghaiDate } from '@civic-ledger/shared';
import type { Hono } from 'hono';
import { renderBulletinHtml } from '../../reports/bulletin-html.ts';
import type { DistrictReader } from '../../reports/district-state.ts';
import { parseSource, readScope, resolveScope, snapshotNotFound } from '../../reports/report-scope.ts';
import type { SnapshotRecord } from '../../store/snapshot-store.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';

const WEEK_DAYS = 7;

/**
 * The state the bulletin compares with: the latest bulletin snapshot before it; failing
 * that, the latest snapshot at least a week older; failing that, none.
 */
export function previousBulletin(
  list: readonly SnapshotRecord[],
  at: Date,
  id: string | null,
): SnapshotRecord | null {
  const earlier = list
    .filter((s) => s.takenAt < at.getTime() && s.id !== id)
    .sort((a, b) => b.takenAt - a.takenAt);
  const bulletin = earlier.find((s) => s.kind === 'bulletin');
  if (bulletin) return bulletin;
  const weekBefore = addDays(shanghaiDate(isoShanghai(at)) ?? '', -WEEK_DAYS);
  return earlier.find((s) => (shanghaiDate(isoShanghai(s.takenAt)) ?? '') <= weekBefore) ?? null;
}

export function mountBulletinRoutes(app: Hono<AppEnv>, deps: { store: Store; reader: DistrictReader }): void {
  app.get('/api/bulletin', async (c) => {
    const account = c.get('account');
    const scoped = resolveScope(account, 'export', {
      snapshot: c.req.query('snapshot'),
      committee: c.req.query('committee'),
    });
    if (!scoped.ok) return c.json({ error: scoped.refusal.error }, scoped.refusal.status);
    const scope = scoped.scope;
    const current = await readScope(deps.reader, scope);
    if (!current) return c.json({ error: snapshotNotFound() }, 404);
    const sinceParam = c.req.query('since') ?? 'auto';
    let since: SnapshotRecord | null = null;
    if (sinceParam === 'auto') {
      since = previousBulletin(
        await deps.store.listSnapshots(),
        current.view.at,
        current.view.snapshot?.id ?? null,
      );
    } else if (sinceParam !== 'none') {
      const source = parseSource(sinceParam);
      if (!source || source === 'now') {
        return c.json(
          {
            error: domainError(
              'bad_request',
              '对比快照编号无效',
              'since must be a snapshot id, auto or none',
            ),
          },
          400,
        );
      }
      since = await deps.store.getSnapshot(source.snapshotId);
      if (!since) return c.json({ error: snapshotNotFound() }, 404);
    }
    const previous = since
      ? await readScope(deps.reader, { ...scope, source: { snapshotId: since.id } })
      : null;
    const bulletin = buildBulletin(
      { rooms: current.rooms, at: current.view.at, label: current.view.snapshot?.label ?? '实时数据' },
      previous && since ? { rooms: previous.rooms, at: previous.view.at, label: since.label } : null,
    );
    if (c.req.query('format') === 'json') return c.json({ bulletin, since });
    const scopeName =
      scope.committeeId === null
        ? '全街道'
        : (current.names.committee.get(scope.committeeId) ?? scope.committeeId);
    return c.html(renderBulletinHtml(bulletin, scopeName), 200, { 'cache-control': 'no-store' });
  });
}
