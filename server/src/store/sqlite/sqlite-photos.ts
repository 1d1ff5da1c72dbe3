// The photo tables of the SQLite store (created by its migration 4).
import type Database from 'better-sqlite3';
import { toBuffer, toBytes } from '../bytes.ts';
import type { NewPhoto, PhotoInfo, PhotoLink, PhotoSize, PhotoStore } from '../photo-store.ts';
import {
  PHOTO_COLUMNS,
  PHOTO_LINK_COLUMNS,
  type PhotoLinkRow,
  type PhotoRow,
  photoFromRow,
  photoLinkFromRow,
} from '../sql-rows.ts';

/** See `PhotoStore` for what each method promises. */
export class SqlitePhotos implements PhotoStore {
  constructor(private readonly db: Database.Database) {}

  async putPhoto(photo: NewPhoto, link: PhotoLink): Promise<boolean> {
    return this.db.transaction(() => {
      const inserted = this.db
        .prepare(
          `INSERT INTO photo (id, mime, width, height, taken_at, created_at, data, thumb)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
        )
        .run(
          photo.id,
          photo.mime,
          photo.width,
          photo.height,
          photo.takenAt,
          photo.createdAt,
          toBuffer(photo.data),
          toBuffer(photo.thumb),
        );
      this.db
        .prepare(
          `INSERT INTO photo_link (photo_id, room, row_id, stage, at, "by")
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(photo.id, link.room, link.rowId, link.stage, link.at, link.by);
      return inserted.changes > 0;
    })();
  }

  async getPhoto(id: string, size: PhotoSize): Promise<{ info: PhotoInfo; data: Uint8Array } | null> {
    const column = size === 'thumb' ? 'thumb' : 'data';
    const row = this.db
      .prepare<[string], PhotoRow & { bytes: Buffer }>(
        `SELECT ${PHOTO_COLUMNS}, ${column} AS bytes FROM photo WHERE id = ?`,
      )
      .get(id);
    if (!row) return null;
    return { info: photoFromRow(row), data: toBytes(row.bytes) };
  }

  async photoLinks(id: string): Promise<PhotoLink[]> {
    return this.db
      .prepare<[string], PhotoLinkRow>(
        `SELECT ${PHOTO_LINK_COLUMNS} FROM photo_link WHERE photo_id = ? ORDER BY at, room, row_id, stage`,
      )
      .all(id)
      .map(photoLinkFromRow);
  }

  async listPhotoIds(): Promise<string[]> {
    return this.db
      .prepare<[], { id: string }>('SELECT id FROM photo ORDER BY id')
      .all()
      .map((r) => r.id);
  }
}
