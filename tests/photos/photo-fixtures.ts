// Photos for the photo tests and the benchmark, made with sharp: a phone-like JPEG with the
// time taken and a GPS position in its EXIF, and a noisy one of a phone camera's size.
import { randomBytes } from 'node:crypto';
import exifReader from 'exif-reader';
import sharp, { type Sharp } from 'sharp';

export const TAKEN_AT = '2026:12:03 09:15:00';

/** A JPEG as a phone writes it: camera, time taken, and where it was taken. */
export async function phoneJpeg(width = 2400, height = 1800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#4a8' } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD2: { DateTimeOriginal: TAKEN_AT },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '31/1 14/1 3000/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '121/1 28/1 0/1',
      },
    })
    .toBuffer();
}

/** The pixels of a 4032×3024 frame (a 12 MP phone camera) of noise, softened a little. */
export async function noisyFrame(): Promise<Sharp> {
  const width = 4032;
  const height = 3024;
  const raw = await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .blur(0.8)
    .raw()
    .toBuffer();
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

/**
 * That frame as a phone JPEG of about 4 MB; `takenAt` differs between calls that want
 * different bytes (a different photo id). Seeded noise is not needed: the size, not the
 * content, is what is measured.
 */
export async function noisyPhoneJpeg(frame: Sharp, takenAt = TAKEN_AT): Promise<Buffer> {
  return frame
    .clone()
    .jpeg({ quality: 80 })
    .withExif({ IFD2: { DateTimeOriginal: takenAt } })
    .toBuffer();
}

/** The EXIF of a JPEG as exif-reader reads it; undefined when it has none. */
export async function exifOf(bytes: Uint8Array): Promise<exifReader.Exif | undefined> {
  const exif = (await sharp(bytes).metadata()).exif;
  return exif ? exifReader(exif) : undefined;
}
