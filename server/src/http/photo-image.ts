// Turning an uploaded photo into what the ledger keeps: decoded by sharp (libvips, on its
// own threads, at most two photos at a time so uploads never starve the rest of the
// server), turned upright by its EXIF orientation, at most 1600 px on the long side as a
// JPEG, a 320 px thumbnail, and no metadata but the time it was taken: a phone's GPS
// position must not reach everyone who may read the ledger.
import { type DomainError, domainError, fail, ok, type Result } from '@civic-ledger/shared';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import type { ImageFormat } from './image-signature.ts';

export const PHOTO_LONG_SIDE = 1600;
export const THUMB_LONG_SIDE = 320;
const QUALITY = 80;
const THUMB_QUALITY = 75;
/** Larger than any phone's default photo (12–50 MP); a decompression bomb stops here. */
export const MAX_INPUT_PIXELS = 8192 * 8192;
/** Photos decoded at once; more wait their turn. */
const CONCURRENT_PHOTOS = 2;

// Decoded images are not reused: caching them only holds memory between uploads.
sharp.cache(false);

export interface ProcessedPhoto {
  /** The stored JPEG: upright, at most PHOTO_LONG_SIDE, only DateTimeOriginal kept. */
  data: Uint8Array;
  thumb: Uint8Array;
  mime: 'image/jpeg';
  width: number;
  height: number;
  /** EXIF DateTimeOriginal (`YYYY:MM:DD HH:MM:SS`), null when the camera wrote none. */
  takenAt: string | null;
}

export type PhotoImageErrorCode = 'photo_undecodable' | 'photo_heic_unsupported' | 'photo_too_many_pixels';

/** Waits for one of `limit` slots, so at most that many jobs run at once. */
class Slots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

const slots = new Slots(CONCURRENT_PHOTOS);

const pad2 = (n: number) => String(n).padStart(2, '0');

/** DateTimeOriginal as the camera wrote it (exif-reader reads it as if UTC; written back the same way). */
function takenAtOf(exif: Buffer | undefined): string | null {
  if (!exif) return null;
  try {
    const taken = exifReader(exif).Photo?.DateTimeOriginal;
    if (!(taken instanceof Date) || Number.isNaN(taken.getTime())) return null;
    const d = taken;
    return `${d.getUTCFullYear()}:${pad2(d.getUTCMonth() + 1)}:${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  } catch {
    // A damaged EXIF block costs the photo its time, not its upload.
    return null;
  }
}

function refusal(err: unknown, format: ImageFormat): DomainError<PhotoImageErrorCode> {
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message)) {
    return domainError(
      'photo_too_many_pixels',
      `照片像素过多（最多 ${(MAX_INPUT_PIXELS / 1_000_000) | 0} 百万像素）`,
      `the photo has too many pixels (at most ${(MAX_INPUT_PIXELS / 1_000_000) | 0} megapixels)`,
    );
  }
  if (format === 'heic') {
    return domainError(
      'photo_heic_unsupported',
      '无法读取这张 HEIC 照片：请在手机相机设置中选择“兼容性最佳”（JPEG）后重拍或重新选择',
      'this HEIC photo cannot be read: set the camera to "Most Compatible" (JPEG) and send it again',
    );
  }
  return domainError(
    'photo_undecodable',
    '照片文件已损坏或不完整，无法读取',
    'the photo is damaged or incomplete and cannot be read',
  );
}

async function encode(bytes: Uint8Array): Promise<ProcessedPhoto> {
  const input = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'truncated' as const, sequentialRead: true };
  const meta = await sharp(bytes, input).metadata();
  const takenAt = takenAtOf(meta.exif);
  // Output carries no metadata unless asked; withExif writes this one tag and nothing else.
  const pipeline = sharp(bytes, input)
    .autoOrient()
    .resize({ width: PHOTO_LONG_SIDE, height: PHOTO_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: QUALITY });
  const full = await (takenAt
    ? pipeline.withExif({ IFD2: { DateTimeOriginal: takenAt } })
    : pipeline
  ).toBuffer({
    resolveWithObject: true,
  });
  const thumb = await sharp(full.data)
    .resize({ width: THUMB_LONG_SIDE, height: THUMB_LONG_SIDE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: THUMB_QUALITY })
    .toBuffer();
  return {
    data: new Uint8Array(full.data.buffer, full.data.byteOffset, full.data.byteLength),
    thumb: new Uint8Array(thumb.buffer, thumb.byteOffset, thumb.byteLength),
    mime: 'image/jpeg',
    width: full.info.width,
    height: full.info.height,
    takenAt,
  };
}

/** Re-encodes an uploaded photo whose signature said `format`; a refusal when it does not decode. */
export async function processPhoto(
  bytes: Uint8Array,
  format: ImageFormat,
): Promise<Result<ProcessedPhoto, DomainError<PhotoImageErrorCode>>> {
  try {
    return ok(await slots.run(() => encode(bytes)));
  } catch (err) {
    return fail(refusal(err, format));
  }
}
