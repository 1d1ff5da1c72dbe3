// Photos the store keeps as evidence for ledger rows: the re-encoded bytes and a thumbnail
// under the SHA-256 of those bytes, and which rows of which rooms each photo was sent for,
// so that whoever may read one of those rooms may see it. The bytes never enter a Y.Doc.
// The stages are the shared schema's (`PHOTO_STAGES`), the ones a row's photo list holds.
import type { PhotoStage } from '@civic-ledger/shared';

export type PhotoSize = 'full' | 'thumb';

/** What is known of a stored photo besides its bytes. */
export interface PhotoInfo {
  /** SHA-256 of the full-size stored bytes, lowercase hex. */
  id: string;
  /** Content type of both sizes (the server re-encodes every upload the same way). */
  mime: string;
  width: number;
  height: number;
  /** When the picture was taken, as the camera wrote it (EXIF `YYYY:MM:DD HH:MM:SS`), if it did. */
  takenAt: string | null;
  /** Milliseconds since the epoch: when the bytes were first stored. */
  createdAt: number;
}

export interface NewPhoto extends PhotoInfo {
  data: Uint8Array;
  thumb: Uint8Array;
}

/** A photo sent for one row of one room, at one stage of the issue. */
export interface PhotoLink {
  room: string;
  rowId: string;
  stage: PhotoStage;
  /** Milliseconds since the epoch. */
  at: number;
  /** Username of who sent it. */
  by: string;
}

export interface PhotoStore {
  /**
   * Stores the photo unless one with its id is stored (the first bytes stay: same id, same
   * bytes), and links it to the row. Safe when instances race with the same bytes. The same
   * row and stage linked again keeps the first link. Resolves to whether the bytes were new.
   */
  putPhoto(photo: NewPhoto, link: PhotoLink): Promise<boolean>;
  /** The photo's info and the bytes of one size; null for an unknown id. */
  getPhoto(id: string, size: PhotoSize): Promise<{ info: PhotoInfo; data: Uint8Array } | null>;
  /** Every row the photo was sent for, oldest first: read rights follow their rooms. */
  photoLinks(id: string): Promise<PhotoLink[]>;
  /** Every stored photo's id, in order (to copy a store). */
  listPhotoIds(): Promise<string[]>;
}
