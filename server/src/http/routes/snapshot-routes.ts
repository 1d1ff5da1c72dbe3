// The snapshot API: take one, list them, open one room of one read-only (a Yjs update the
// client applies to an empty document), delete one, and compare two states of the district.
import {
  can,
  compareDistrict,
  domainError,
  isOffice,
  isoShanghai,
  parseRoomName,
} from '@civic-ledger/shared';
import type { Handler, Hono } from 'hono';
import { log } from '../../ops/log.ts';
import type { DistrictReader } from '../../reports/district-state.ts';
import { parseSource, readScope, resolveScope, snapshotNotFound } from '../../reports/report-scope.ts';
import { nextSlot } from '../../reports/snapshot-schedule.ts';
import type { Snapshots } from '../../reports/snapshots.ts';
import type { SnapshotKind } from '../../store/snapshot-store.ts';
import type { Store } from '../../store/store.ts';
import type { AppEnv } from '../app-env.ts';

function forbidden(zh: string, en: string) {
  return { error: domainError('forbidden', zh, en) };
}

type Deps = {
  store: Store;
  snapshots: Snapshots;
  reader: DistrictReader;
  schedule: readonly string[];
};
/** A handler of this API; `P` types the path parameters. */
type Route<P extends string = string> = Handler<AppEnv, P>;

/** POST /api/snapshots: freezes every room now (whoever may export the whole district). */
function takeSnapshot(deps: Deps): Route {
  return async (c) => {
    const account = c.get('account');
    // Whoever may export the whole district may freeze it.
    if (!can(account, 'export', null)) {
      return c.json(
        forbidden('只有街道和领导可以生成快照', 'only the office and managers take snapshots'),
        403,
      );
    }
    const text = await c.req.text();
    let body: { label?: unknown; kind?: unknown } = {};
    try {
      if (text.trim() !== '') body = JSON.parse(text) as typeof body;
    } catch {
      return c.json(
        { error: domainError('bad_request', '请求格式错误', 'send JSON { label?, kind? }') },
        400,
      );
    }
    const kind: SnapshotKind = body.kind === 'bulletin' ? 'bulletin' : 'manual';
    if (
      (body.kind !== undefined && body.kind !== 'manual' && body.kind !== 'bulletin') ||
      (body.label !== undefined && typeof body.label !== 'string')
    ) {
      return c.json(
        { error: domainError('bad_request', '请求格式错误', 'label must be text; kind manual or bulletin') },
        400,
      );
    }
    const snapshot = await deps.snapshots.take({
      kind,
      createdBy: account.username,
      ...(typeof body.label === 'string' ? { label: body.label } : {}),
    });
    return c.json({ snapshot }, 201);
  };
}

/** GET /api/snapshots: every snapshot, newest first, and the daily schedule. */
function listSnapshots(deps: Deps): Route {
  return async (c) => {
    const next = nextSlot(deps.schedule, new Date());
    return c.json({
      snapshots: await deps.store.listSnapshots(),
      schedule: { times: deps.schedule, next: next ? isoShanghai(next.at) : null },
    });
  };
}

/** GET /api/snapshots/diff: two states of the district (or one committee) compared. */
function compareSnapshots(deps: Deps): Route {
  return async (c) => {
    const account = c.get('account');
    let fromParam = c.req.query('from');
    if (fromParam === undefined || fromParam === '') {
      const [latest] = await deps.store.listSnapshots();
      if (!latest) return c.json({ error: snapshotNotFound() }, 404);
      fromParam = latest.id;
    }
    const from = resolveScope(account, 'read', {
      snapshot: fromParam,
      committee: c.req.query('committee'),
    });
    if (!from.ok) return c.json({ error: from.refusal.error }, from.refusal.status);
    const toSource = parseSource(c.req.query('to'));
    if (!toSource)
      return c.json({ error: domainError('bad_request', '快照编号无效', 'invalid snapshot id') }, 400);
    const [before, after] = await Promise.all([
      readScope(deps.reader, from.scope),
      readScope(deps.reader, { ...from.scope, source: toSource }),
    ]);
    if (!before || !after) return c.json({ error: snapshotNotFound() }, 404);
    const compared = compareDistrict(
      { rooms: before.rooms, at: before.view.at },
      { rooms: after.rooms, at: after.view.at },
    );
    const side = (v: typeof before.view) => ({ snapshot: v.snapshot, at: isoShanghai(v.at) });
    return c.json({
      from: side(before.view),
      to: side(after.view),
      committeeId: from.scope.committeeId,
      ...compared,
    });
  };
}

/** GET /api/snapshots/<id>: one snapshot and the rooms in it the caller may read. */
function openSnapshot(deps: Deps): Route<'/api/snapshots/:id'> {
  return async (c) => {
    const account = c.get('account');
    const snapshot = await deps.store.getSnapshot(c.req.param('id'));
    if (!snapshot) return c.json({ error: snapshotNotFound() }, 404);
    const rooms = (await deps.store.loadSnapshotRooms(snapshot.id))
      .map((r) => r.room)
      .filter((name) => {
        const parsed = parseRoomName(name);
        return parsed.ok && can(account, 'read', parsed.value);
      });
    return c.json({ snapshot, rooms });
  };
}

/** GET /api/snapshots/<id>/rooms/<room>: the room as it was, one binary Yjs update. */
function snapshotRoom(deps: Deps): Route<'/api/snapshots/:id/rooms/:room'> {
  return async (c) => {
    const account = c.get('account');
    const room = parseRoomName(c.req.param('room'));
    if (!room.ok) return c.json({ error: room.error }, 400);
    if (!can(account, 'read', room.value)) {
      return c.json(forbidden('无权查看此表', 'no access to this room'), 403);
    }
    const snapshot = await deps.store.getSnapshot(c.req.param('id'));
    if (!snapshot) return c.json({ error: snapshotNotFound() }, 404);
    const [stored] = await deps.store.loadSnapshotRooms(snapshot.id, [room.value.name]);
    if (!stored) {
      return c.json(
        {
          error: domainError('snapshot_room_not_found', '快照中没有这个表', 'the snapshot has no such room'),
        },
        404,
      );
    }
    return new Response(stored.state as Uint8Array<ArrayBuffer>, {
      headers: {
        'content-type': 'application/octet-stream',
        'cache-control': 'private, max-age=31536000, immutable', // a snapshot never changes
        'x-snapshot-id': snapshot.id,
        'x-snapshot-taken-at': isoShanghai(snapshot.takenAt),
        'x-state-vector': Buffer.from(stored.stateVector).toString('base64'),
      },
    });
  };
}

/** DELETE /api/snapshots/<id>: office only. */
function deleteSnapshot(deps: Deps): Route<'/api/snapshots/:id'> {
  return async (c) => {
    const account = c.get('account');
    if (!isOffice(account))
      return c.json(forbidden('只有街道可以删除快照', 'only the office deletes snapshots'), 403);
    const deleted = await deps.store.deleteSnapshot(c.req.param('id'));
    if (!deleted) return c.json({ error: snapshotNotFound() }, 404);
    log.info('snapshot deleted', { id: c.req.param('id'), user: account.username });
    return c.json({ deleted: true });
  };
}

export function mountSnapshotRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.post('/api/snapshots', takeSnapshot(deps));
  app.get('/api/snapshots', listSnapshots(deps));
  // Registered before /:id so that "diff" is not taken for an id.
  app.get('/api/snapshots/diff', compareSnapshots(deps));
  app.get('/api/snapshots/:id', openSnapshot(deps));
  app.get('/api/snapshots/:id/rooms/:room', snapshotRoom(deps));
  app.delete('/api/snapshots/:id', deleteSnapshot(deps));
}
