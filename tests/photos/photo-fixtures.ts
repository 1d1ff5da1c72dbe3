// Photos for the photo tests and the benchmark, made with sharp: a phone-like JPEG with the
// time taken and a GPS position in its EXIF, and a noisy one of a phone camera's size.
import { randomBytes } from 'node:crypto';
import exifReader from 'exif-reader';
import sharp from 'sharp';

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

/**
 * A 4032×3024 JPEG of noise (a 12 MP phone camera's frame), blurred a little so that it
 * compresses to about the 3–5 MB a phone photo weighs. Seeded noise is not needed: the
 * size, not the content, is what is measured.
 */
export async function noisyPhoneJpeg(): Promise<Buffer> {
  const width = 4032;
  const height = 3024;
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .blur(0.6)
    .jpeg({ quality: 88 })
    .withExif({ IFD2: { DateTimeOriginal: TAKEN_AT } })
    .toBuffer();
}

/** The EXIF of a JPEG as exif-reader reads it; undefined when it has none. */
export async function exifOf(bytes: Uint8Array): Promise<exifReader.Exif | undefined> {
  const exif = (await sharp(bytes).metadata()).exif;
  return exif ? exifReader(exif) : undefined;
}
