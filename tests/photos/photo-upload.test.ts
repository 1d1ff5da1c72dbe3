// Photos as evidence against a real server: what is stored is upright, bounded and without
// the GPS position; the same photo is stored once; bad uploads are refused with a reason
// and leave nothing behind; a photo is served only to those who may read its room.
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type District, startDistrict, type Username, writeRows } from '../support/district.ts';
import { exifOf, phoneJpeg, TAKEN_AT } from './photo-fixtures.ts';

let d: District;
let taoyuanRow: string;
let hongqiaoRow: string;
let photo: Buffer;

beforeAll(async () => {
  d = await startDistrict();
  const rowIn = async (committeeId: string, site: string) => {
    const ledger = await d.open(`ledger.${committeeId}`, 'r-staff');
    const [row] = await writeRows(ledger, [
      {
        committeeId,
        siteId: d.sites.get(site),
        category: 'street_rubbish',
        description: '沿街垃圾未清理',
        source: 'office',
        foundAt: '2026-12-03T09:30:00+08:00',
      },
    ]);
    return String(row?.id);
  };
  taoyuanRow = await rowIn('taoyuan', '桃园菜场');
  hongqiaoRow = await rowIn('hongqiao', '虹桥路口');
  photo = await phoneJpeg();
}, 120_000);
afterAll(async () => {
  await d?.close();
});

interface Refusal {
  error: { code: string; message: { 'zh-CN': string; en: string } };
}

function form(fields: Record<string, string>, file?: { bytes: Uint8Array; name: string; type?: string }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  if (file)
    body.set(
      'file',
      new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? 'image/jpeg' }),
      file.name,
    );
  return body;
}

async function upload(user: Username, body: FormData): Promise<{ status: number; json: unknown }> {
  const res = await d.api('/api/photos', user, { method: 'POST', body });
  return { status: res.status, json: await res.json() };
}

function storedPhotos(): number {
  const db = new Database(path.join(d.server.dataDir, 'civic-ledger.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM photo').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function rss(): Promise<number> {
  const text = await (await fetch(`${d.server.url}/metrics`)).text();
  return Number(/^civic_ledger_rss_bytes (\d+)/m.exec(text)?.[1]);
}

function expectRefusal(result: { status: number; json: unknown }, status: number, code: string) {
  expect(result.status).toBe(status);
  const { error } = result.json as Refusal;
  expect(error.code).toBe(code);
  expect(error.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
  expect(error.message.en.length).toBeGreaterThan(5);
}

describe('photo upload', () => {
  it('stores the photo without its GPS position, keeps the time taken, at most 1600 px and a 320 px thumbnail', async () => {
    expect((await exifOf(photo))?.GPSInfo).toBeDefined();
    const sent = await upload(
      'r-taoyuan',
      form(
        { room: 'ledger.taoyuan', row: taoyuanRow, stage: 'found' },
        { bytes: photo, name: 'IMG_0001.jpg' },
      ),
    );
    expect(sent.status).toBe(201);
    const { photo: info } = sent.json as {
      photo: { id: string; stage: string; at: string; by: string; width: number; height: number };
    };
    expect(info).toMatchObject({ stage: 'found', by: 'r-taoyuan', width: 1600, height: 1200 });
    expect(info.id).toMatch(/^[0-9a-f]{64}$/);
    expect(info.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    const full = await d.api(`/api/photos/${info.id}`, 'r-taoyuan');
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(full.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(full.headers.get('etag')).toBe(`"${info.id}"`);
    const bytes = new Uint8Array(await full.arrayBuffer());
    const exif = await exifOf(bytes);
    expect(exif?.GPSInfo).toBeUndefined();
    expect(exif?.Image?.Make).toBeUndefined();
    expect(exif?.Photo?.DateTimeOriginal?.toISOString()).toBe(
      `${TAKEN_AT.slice(0, 10).replaceAll(':', '-')}T${TAKEN_AT.slice(11)}.000Z`,
    );
    const meta = await sharp(bytes).metadata();
    expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(1600);

    const thumb = await d.api(`/api/photos/${info.id}?size=thumb`, 'r-taoyuan');
    expect(thumb.status).toBe(200);
    const thumbMeta = await sharp(new Uint8Array(await thumb.arrayBuffer())).metadata();
    expect(Math.max(thumbMeta.width, thumbMeta.height)).toBeLessThanOrEqual(320);
    expect(thumbMeta.exif).toBeUndefined();

    const again = await d.api(`/api/photos/${info.id}`, 'r-taoyuan', {
      headers: { 'if-none-match': `"${info.id}"` },
    });
    expect(again.status).toBe(304);
  });

  it('the same photo sent twice, even at once, gets the same id and is stored once', async () => {
    const before = storedPhotos();
    const same = await phoneJpeg(1000, 800);
    const send = () =>
      upload('r-staff', form({ room: 'ledger.taoyuan', row: taoyuanRow }, { bytes: same, name: 'same.jpg' }));
    const results = [...(await Promise.all([send(), send()])), await send()];
    const ids = results.map((r) => (r.json as { photo: { id: string } }).photo.id);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(ids).size).toBe(1);
    expect(storedPhotos()).toBe(before + 1);
  });

  it('refuses a text file named .jpg, a truncated JPEG, a missing or unknown row and a bad stage, storing nothing', async () => {
    const before = storedPhotos();
    const room = { room: 'ledger.taoyuan', row: taoyuanRow };
    const text = new TextEncoder().encode('这不是照片 / not a photo\n'.repeat(100));
    expectRefusal(
      await upload('r-taoyuan', form(room, { bytes: text, name: 'photo.jpg' })),
      415,
      'photo_type',
    );
    const truncated = photo.subarray(0, Math.floor(photo.length / 3));
    expectRefusal(
      await upload('r-taoyuan', form(room, { bytes: truncated, name: 'cut.jpg' })),
      422,
      'photo_undecodable',
    );
    expectRefusal(
      await upload('r-taoyuan', form({ room: 'ledger.taoyuan' }, { bytes: photo, name: 'a.jpg' })),
      400,
      'row_missing',
    );
    expectRefusal(
      await upload(
        'r-taoyuan',
        form({ ...room, row: 'NO_SUCH_ROW_0000000000' }, { bytes: photo, name: 'a.jpg' }),
      ),
      404,
      'row_not_found',
    );
    // A row of another committee's room is not a row of this one.
    expectRefusal(
      await upload('r-taoyuan', form({ ...room, row: hongqiaoRow }, { bytes: photo, name: 'a.jpg' })),
      404,
      'row_not_found',
    );
    expectRefusal(
      await upload('r-taoyuan', form({ ...room, stage: 'later' }, { bytes: photo, name: 'a.jpg' })),
      400,
      'bad_request',
    );
    expectRefusal(await upload('r-taoyuan', form(room)), 400, 'photo_missing');
    expect(storedPhotos()).toBe(before);
  });

  it('refuses a photo for a room the user may not write: another committee, or a manager', async () => {
    const before = storedPhotos();
    const body = () => form({ room: 'ledger.hongqiao', row: hongqiaoRow }, { bytes: photo, name: 'a.jpg' });
    expectRefusal(await upload('r-taoyuan', body()), 403, 'forbidden');
    expectRefusal(await upload('r-manager', body()), 403, 'forbidden');
    const anonymous = await d.api('/api/photos', null, { method: 'POST', body: body() });
    expect(anonymous.status).toBe(401);
    expect(storedPhotos()).toBe(before);
  });

  it('refuses a 40 MB body as soon as it passes 15 MB, without the server holding it', async () => {
    const before = storedPhotos();
    const rssBefore = await rss();
    const total = 40 * 1024 * 1024;
    const chunk = Buffer.alloc(256 * 1024, 0xab);
    const boundary = 'photo-test-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="room"\r\n\r\nledger.taoyuan\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="row"\r\n\r\n${taoyuanRow}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.jpg"\r\n` +
        'Content-Type: image/jpeg\r\n\r\n',
    );
    const result = await new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = http.request(`${d.server.url}/api/photos`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${d.tokens['r-taoyuan']}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'transfer-encoding': 'chunked',
        },
      });
      req.on('response', (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (s: string) => {
          body += s;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent }));
      });
      req.on('error', (err) => (answered ? undefined : reject(err)));
      req.write(Buffer.concat([head, Buffer.from([0xff, 0xd8, 0xff, 0xe0])]));
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end(`\r\n--${boundary}--\r\n`);
      };
      pump();
    });
    expect(result.status).toBe(413);
    expect((JSON.parse(result.body) as Refusal).error.code).toBe('photo_too_large');
    expect(result.sent).toBeLessThan(total);
    const grown = (await rss()) - rssBefore;
    console.log(
      `40 MB upload refused after ${(result.sent / 1024 / 1024).toFixed(1)} MB sent; server RSS grew ${(grown / 1024 / 1024).toFixed(1)} MB`,
    );
    // Up to 15 MB is read before the refusal, and freed memory is not handed back to the
    // system at once: what this pins is that the server never held the 40 MB body.
    expect(grown).toBeLessThan(total);
    expect(storedPhotos()).toBe(before);

    // A declared length over the limit is refused before a byte of the body is read.
    const declared = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${d.server.url}/api/photos`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${d.tokens['r-taoyuan']}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(total),
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(declared).toBe(413);
  });

  it('serves a photo only to those who may read one of its rooms', async () => {
    const sent = await upload(
      'r-staff',
      form(
        { room: 'ledger.hongqiao', row: hongqiaoRow, stage: 'rectified' },
        { bytes: await phoneJpeg(600, 400), name: 'b.jpg' },
      ),
    );
    expect(sent.status).toBe(201);
    const id = (sent.json as { photo: { id: string } }).photo.id;
    const status = async (user: Username | null, query = '') => {
      const res = await d.api(`/api/photos/${id}${query}`, user);
      await res.arrayBuffer();
      return res.status;
    };
    expect(await status('r-hongqiao')).toBe(200);
    expect(await status('r-manager', '?size=thumb')).toBe(200);
    expect(await status('r-taoyuan')).toBe(403);
    expect(await status('r-taoyuan', '?size=thumb')).toBe(403);
    expect(await status(null)).toBe(401);
    const plainLink = await fetch(
      `${d.server.url}/api/photos/${id}?size=thumb&token=${d.tokens['r-hongqiao']}`,
    );
    expect(plainLink.status).toBe(200);
    await plainLink.arrayBuffer();
    const unknown = await d.api(`/api/photos/${'0'.repeat(64)}`, 'r-hongqiao');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Refusal).error.code).toBe('photo_not_found');
  });
});
