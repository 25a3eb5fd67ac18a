import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, sniffImage } from './image.js';

/** A complete 1×1 PNG, as a phone's canvas export would produce. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** The start of a JFIF photo: SOI, APP0 with its `JFIF\0` tag. */
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01]);
/** The start of an EXIF photo (what most phone cameras write): SOI, APP1. */
const JPEG_EXIF_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x2f, 0xfe, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00]);
/** RIFF, size, WEBP, VP8 chunk tag. */
const WEBP_HEAD = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0x00, 0x00, 0x00]), Buffer.from('WEBPVP8 ')]);

describe('sniffImage', () => {
  it('recognises PNG, JPEG (JFIF and EXIF) and WebP by their bytes', () => {
    expect(sniffImage(PNG_1X1)).toBe('image/png');
    expect(sniffImage(JPEG_HEAD)).toBe('image/jpeg');
    expect(sniffImage(JPEG_EXIF_HEAD)).toBe('image/jpeg');
    expect(sniffImage(WEBP_HEAD)).toBe('image/webp');
    expect(sniffImage(new Uint8Array(PNG_1X1))).toBe('image/png');
  });

  it('refuses text, other formats, other RIFF files and truncated headers', () => {
    expect(sniffImage(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(sniffImage(Buffer.from('GIF89a\x01\x00\x01\x00'))).toBeNull();
    expect(sniffImage(Buffer.from('%PDF-1.7\n'))).toBeNull();
    expect(sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WAVEfmt ')]))).toBeNull();
    expect(sniffImage(PNG_1X1.subarray(0, 7))).toBeNull();
    expect(sniffImage(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });

  it('judges the bytes, whatever sits before them in memory', () => {
    const pool = Buffer.concat([Buffer.from('text before '), PNG_1X1]);
    expect(sniffImage(pool.subarray(12))).toBe('image/png');
    expect(sniffImage(pool.subarray(0, 12))).toBeNull();
  });

  it('allows the three types a phone produces, up to 5 MiB', () => {
    expect(ATTACHMENT_TYPES).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    expect(MAX_ATTACHMENT_BYTES).toBe(5 * 1024 * 1024);
  });
});
