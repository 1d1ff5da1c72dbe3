// What the ledger keeps of an uploaded photo: upright, bounded in size, without GPS.
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PHOTO_LONG_SIDE, processPhoto, THUMB_LONG_SIDE } from './photo-image.ts';

const GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '31/1 14/1 3000/100',
  GPSLongitudeRef: 'E',
  GPSLongitude: '121/1 28/1 0/1',
};

async function phonePhoto(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3a7' } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD2: { DateTimeOriginal: '2026:12:03 09:15:00' },
      IFD3: GPS,
    })
    .toBuffer();
}

describe('photo processing', () => {
  it('keeps the time taken and drops the GPS position and the camera', async () => {
    const source = await phonePhoto(400, 300);
    expect(exifReader((await sharp(source).metadata()).exif as Buffer).GPSInfo).toBeDefined();
    const result = await processPhoto(source, 'jpeg');
    if (!result.ok) throw new Error(result.error.code);
    const exif = exifReader((await sharp(result.value.data).metadata()).exif as Buffer);
    expect(exif.GPSInfo).toBeUndefined();
    expect(exif.Image?.Make).toBeUndefined();
    expect(exif.Photo?.DateTimeOriginal?.toISOString()).toBe('2026-12-03T09:15:00.000Z');
    expect(result.value.takenAt).toBe('2026:12:03 09:15:00');
    expect((await sharp(result.value.thumb).metadata()).exif).toBeUndefined();
  });

  it('shrinks a large photo to 1600 px on its long side and a 320 px thumbnail, never enlarges a small one', async () => {
    const big = await processPhoto(await phonePhoto(3000, 2000), 'jpeg');
    if (!big.ok) throw new Error(big.error.code);
    expect([big.value.width, big.value.height]).toEqual([PHOTO_LONG_SIDE, 1067]);
    const thumb = await sharp(big.value.thumb).metadata();
    expect(Math.max(thumb.width, thumb.height)).toBe(THUMB_LONG_SIDE);
    const small = await processPhoto(await phonePhoto(200, 100), 'jpeg');
    expect(small.ok && [small.value.width, small.value.height]).toEqual([200, 100]);
  });

  it('turns a photo upright by its EXIF orientation', async () => {
    const sideways = await sharp({ create: { width: 400, height: 200, channels: 3, background: '#000' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await processPhoto(sideways, 'jpeg');
    expect(result.ok && [result.value.width, result.value.height]).toEqual([200, 400]);
  });

  it('gives the same bytes for the same upload, so the id is the same', async () => {
    const source = await phonePhoto(800, 600);
    const [a, b] = await Promise.all([processPhoto(source, 'jpeg'), processPhoto(source, 'jpeg')]);
    expect(a.ok && b.ok && Buffer.from(a.value.data).equals(Buffer.from(b.value.data))).toBe(true);
  });

  it('refuses a truncated JPEG and a HEIC it cannot decode, each with its own reason', async () => {
    const source = await phonePhoto(1200, 900);
    const truncated = await processPhoto(source.subarray(0, Math.floor(source.length / 2)), 'jpeg');
    expect(!truncated.ok && truncated.error.code).toBe('photo_undecodable');
    const heic = new Uint8Array([0, 0, 0, 0x18, ...Buffer.from('ftypheic'), 0, 0, 0, 0, 1, 2, 3]);
    const refused = await processPhoto(heic, 'heic');
    expect(!refused.ok && refused.error.code).toBe('photo_heic_unsupported');
    expect(!refused.ok && refused.error.message['zh-CN']).toContain('HEIC');
  });
});
