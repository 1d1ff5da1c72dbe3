// The photo tables of the PostgreSQL store (created by its fourth migration), shared by
// every instance on the database.
import type pg from 'pg';
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

type InTransaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

/** See `PhotoStore` for what each method promises. */
export class PostgresPhotos implements PhotoStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly inTransaction: InTransaction,
  ) {}

  async putPhoto(photo: NewPhoto, link: PhotoLink): Promise<boolean> {
    return this.inTransaction(async (client) => {
      // ON CONFLICT DO NOTHING waits for a racing insert of the same id to commit, so the
      // link below always finds its photo.
      const inserted = await client.query(
        `INSERT INTO photo (id, mime, width, height, taken_at, created_at, data, thumb)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [
          photo.id,
          photo.mime,
          photo.width,
          photo.height,
          photo.takenAt,
          photo.createdAt,
          toBuffer(photo.data),
          toBuffer(photo.thumb),
        ],
      );
      await client.query(
        `INSERT INTO photo_link (photo_id, room, row_id, stage, at, "by")
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [photo.id, link.room, link.rowId, link.stage, link.at, link.by],
      );
      return (inserted.rowCount ?? 0) > 0;
    });
  }

  async getPhoto(id: string, size: PhotoSize): Promise<{ info: PhotoInfo; data: Uint8Array } | null> {
    const column = size === 'thumb' ? 'thumb' : 'data';
    const { rows } = await this.pool.query<PhotoRow & { bytes: Buffer }>(
      `SELECT ${PHOTO_COLUMNS}, ${column} AS bytes FROM photo WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row ? { info: photoFromRow(row), data: toBytes(row.bytes) } : null;
  }

  async photoLinks(id: string): Promise<PhotoLink[]> {
    const { rows } = await this.pool.query<PhotoLinkRow>(
      `SELECT ${PHOTO_LINK_COLUMNS} FROM photo_link WHERE photo_id = $1 ORDER BY at, room, row_id, stage`,
      [id],
    );
    return rows.map(photoLinkFromRow);
  }

  async listPhotoIds(): Promise<string[]> {
    const { rows } = await this.pool.query<{ id: string }>('SELECT id FROM photo ORDER BY id COLLATE "C"');
    return rows.map((r) => r.id);
  }
}
