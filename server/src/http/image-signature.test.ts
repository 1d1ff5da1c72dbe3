// Formats are told by their signatures alone.
import { describe, expect, it } from 'vitest';
import { imageFormatOf } from './image-signature.ts';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((ch) => ch.charCodeAt(0)) : p)));

describe('image signatures', () => {
  it('knows JPEG, PNG, WebP and HEIC by their first bytes', () => {
    expect(imageFormatOf(bytes([0xff, 0xd8, 0xff, 0xe1]))).toBe('jpeg');
    expect(imageFormatOf(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(imageFormatOf(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('webp');
    expect(imageFormatOf(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]))).toBe('heic');
    expect(imageFormatOf(bytes([0, 0, 0, 0x18], 'ftypmif1', [0, 0, 0, 0]))).toBe('heic');
  });

  it('refuses text named like a photo, other formats and files too short to tell', () => {
    expect(imageFormatOf(bytes('这不是照片'))).toBeNull();
    expect(imageFormatOf(bytes('GIF89a'))).toBeNull();
    expect(imageFormatOf(bytes('RIFF', [1, 2, 3, 4], 'WAVE'))).toBeNull();
    expect(imageFormatOf(bytes([0, 0, 0, 0x18], 'ftypmp42'))).toBeNull();
    expect(imageFormatOf(bytes([0xff, 0xd8]))).toBeNull();
    expect(imageFormatOf(new Uint8Array())).toBeNull();
  });
});
