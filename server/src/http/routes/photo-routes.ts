// Photos as evidence for ledger rows. POST /api/photos takes one photo (multipart: file,
// room, row, stage) from someone who may write the room, for a row its document holds,
// checks its signature and size while reading it, re-encodes it without its GPS position
// and stores it under the SHA-256 of the stored bytes. GET /api/photos/<id> serves it
// (or its thumbnail) to whoever may read one of the rooms it was sent for.
import { createHash } from 'node:crypto';
import {
  can,
  checkPatrolPhoto,
  domainError,
  isoShanghai,
  PHOTO_STAGES,
  type PhotoStage,
  parseRoomName,
  type Room,
  refusalForRow,
} from '@civic-ledger/shared';
import type { Context, Hono } from 'hono';
import type { Accounts } from '../../auth/accounts.ts';
import { errorFields, log } from '../../ops/log.ts';
import type { Store } from '../../store/store.ts';
import type { RoomManager } from '../../sync/rooms.ts';
import type { AppEnv } from '../app-env.ts';
import { readBounded } from '../bounded-body.ts';
import { imageFormatOf } from '../image-signature.ts';
import { roomRow } from '../live-rows.ts';
import { processPhoto } from '../photo-image.ts';

/** Largest photo accepted: a phone's full-resolution JPEG or HEIC is well under it. */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/** Room for the form's other fields and boundaries around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** The largest upload body: the photo and its form fields. */
export const PHOTO_UPLOAD_BYTES = MAX_PHOTO_BYTES + FORM_OVERHEAD_BYTES;

const PHOTO_ID = /^[0-9a-f]{64}$/;
const CACHE_FOREVER = 'private, max-age=31536000, immutable';

function refusal(code: string, zh: string, en: string) {
  return { error: domainError(code, zh, en) };
}

export const photoTooLarge = () =>
  domainError(
    'photo_too_large',
    `照片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB`,
    `the photo may be at most ${MAX_PHOTO_BYTES / 1024 / 1024} MB`,
  );

function isStage(value: unknown): value is PhotoStage {
  return PHOTO_STAGES.some((s) => s.value === value);
}

interface Deps {
  accounts: Accounts;
  store: Store;
  rooms: RoomManager;
}

type Upload =
  | { ok: true; file: File; room: Room; rowId: string; stage: PhotoStage }
  | { ok: false; response: Response };

/** Reads the form (never more than the limit) and checks its fields, before any image work. */
async function readUpload(c: Context): Promise<Upload> {
  const no = (status: 400 | 413 | 415, body: ReturnType<typeof refusal>): Upload => ({
    ok: false,
    response: c.json(body, status),
  });
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    return no(
      415,
      refusal(
        'bad_request',
        '请以表单（multipart/form-data）上传照片',
        'send the photo as multipart/form-data',
      ),
    );
  }
  const body = await readBounded(c.req.raw, PHOTO_UPLOAD_BYTES, photoTooLarge);
  if (!body.ok) return no(body.error.code === 'photo_too_large' ? 413 : 400, { error: body.error });
  const form = await new Response(body.value, { headers: { 'content-type': type } })
    .formData()
    .catch(() => null);
  if (!form) return no(400, refusal('bad_request', '表单格式错误', 'malformed form data'));
  const file = form.get('file');
  if (!(file instanceof File))
    return no(400, refusal('photo_missing', '请选择照片', 'send the photo in the "file" field'));
  if (file.size > MAX_PHOTO_BYTES) return no(413, { error: photoTooLarge() });
  if (file.size === 0) return no(400, refusal('photo_missing', '照片文件是空的', 'the photo file is empty'));
  const room = parseRoomName(String(form.get('room') ?? ''));
  if (!room.ok) return no(400, { error: room.error });
  const rowId = form.get('row');
  if (typeof rowId !== 'string' || rowId === '') {
    return no(400, refusal('row_missing', '请指明照片属于哪条记录', 'name the row the photo is for ("row")'));
  }
  const stage = form.get('stage') ?? 'found';
  if (!isStage(stage)) {
    return no(
      400,
      refusal(
        'bad_request',
        '照片阶段只能是发现、整改或核查',
        'stage must be one of found, rectified or checked',
      ),
    );
  }
  return { ok: true, file, room: room.value, rowId, stage };
}

export function mountPhotoRoutes(app: Hono<AppEnv>, deps: Deps): void {
  app.post('/api/photos', async (c) => {
    const account = c.get('account');
    const upload = await readUpload(c);
    if (!upload.ok) return upload.response;
    const { file, room, rowId, stage } = upload;
    if (!can(account, 'write', room)) {
      return c.json(refusal('forbidden', '无权为此表上传照片', 'no right to add photos to this room'), 403);
    }
    const row = await roomRow(deps.rooms, room.name, rowId);
    if (row === null) {
      return c.json(
        refusal(
          'row_not_found',
          '此表中没有这条记录',
          `the room ${room.name} has no row ${rowId.slice(0, 40)}`,
        ),
        404,
      );
    }
    const patrol = checkPatrolPhoto(account, row);
    if (patrol) return c.json({ error: refusalForRow(room.table, rowId, patrol) }, 403);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const format = imageFormatOf(bytes);
    if (!format) {
      return c.json(
        refusal(
          'photo_type',
          '只接受 JPEG、PNG、WebP 或 HEIC 格式的照片',
          'only JPEG, PNG, WebP or HEIC photos are accepted',
        ),
        415,
      );
    }
    const processed = await processPhoto(bytes, format);
    if (!processed.ok) return c.json({ error: processed.error }, 422);
    const photo = processed.value;
    const id = createHash('sha256').update(photo.data).digest('hex');
    const now = Date.now();
    const by = account.username;
    try {
      await deps.store.putPhoto(
        {
          id,
          mime: photo.mime,
          width: photo.width,
          height: photo.height,
          takenAt: photo.takenAt,
          createdAt: now,
          data: photo.data,
          thumb: photo.thumb,
        },
        { room: room.name, rowId, stage, at: now, by },
      );
    } catch (err) {
      log.error('photo not stored', { user: by, room: room.name, ...errorFields(err) });
      return c.json(
        refusal(
          'store_unavailable',
          '照片暂时无法保存，请稍后再试',
          'the photo could not be stored: try again',
        ),
        503,
      );
    }
    log.info('photo stored', {
      user: by,
      room: room.name,
      row: rowId,
      stage,
      id,
      bytes: photo.data.byteLength,
    });
    return c.json(
      { photo: { id, stage, at: isoShanghai(now), by, width: photo.width, height: photo.height } },
      201,
    );
  });

  app.get('/api/photos/:id', async (c) => {
    const account = c.get('account');
    const id = c.req.param('id');
    const size = c.req.query('size') === 'thumb' ? 'thumb' : 'full';
    const unknown = () => c.json(refusal('photo_not_found', '没有这张照片', 'no such photo'), 404);
    if (!PHOTO_ID.test(id)) return unknown();
    // Every stored photo has a link (stored in the same transaction): none means unknown.
    const links = await deps.store.photoLinks(id);
    if (links.length === 0) return unknown();
    const readable = links.some((l) => {
      const room = parseRoomName(l.room);
      return room.ok && can(account, 'read', room.value);
    });
    if (!readable) return c.json(refusal('forbidden', '无权查看这张照片', 'no access to this photo'), 403);
    const etag = size === 'thumb' ? `"${id}-thumb"` : `"${id}"`;
    const headers = { 'cache-control': CACHE_FOREVER, etag, vary: 'Authorization' };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    const found = await deps.store.getPhoto(id, size);
    if (!found) return unknown();
    return c.body(found.data as Uint8Array<ArrayBuffer>, 200, {
      ...headers,
      'content-type': found.info.mime,
    });
  });
}
