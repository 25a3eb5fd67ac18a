/**
 * The largest attachment: a phone photo re-encoded by the upload page fits with room to spare,
 * and a county's disk or bucket is not filled by a handful of raw camera files.
 */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** The image types an attachment may be: what every phone camera and browser produces and shows. */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** SOI marker followed by the first marker's 0xFF: every JFIF, EXIF and raw JPEG starts so. */
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
const RIFF = Buffer.from('RIFF', 'ascii');
const WEBP = Buffer.from('WEBP', 'ascii');
/** WebP: `RIFF`, a 4-byte little-endian size, then `WEBP`. */
const WEBP_TAG_OFFSET = 8;

/**
 * The image type of `bytes` by their magic numbers, or null when they are not a JPEG, PNG or
 * WebP. The client's Content-Type is never trusted: a browser labels whatever it is handed.
 */
export function sniffImage(bytes: Uint8Array): AttachmentType | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(b, JPEG_SIGNATURE)) return 'image/jpeg';
  if (startsWith(b, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(b, RIFF) && startsWith(b.subarray(WEBP_TAG_OFFSET), WEBP)) return 'image/webp';
  return null;
}

function startsWith(b: Buffer, prefix: Buffer): boolean {
  return b.length >= prefix.length && b.subarray(0, prefix.length).equals(prefix);
}
