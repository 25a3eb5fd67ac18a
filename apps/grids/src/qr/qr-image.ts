import QRCode from 'qrcode';
import { crc32, deflateSync } from 'node:zlib';

/** Error correction M (15%): survives a scratched or weathered door sticker. */
const ERROR_CORRECTION = 'M';
/** The quiet zone the QR standard asks for, in modules. */
const MARGIN = 4;
const PNG_TARGET_PX = 512;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The code as an SVG document (one path, scales to any print size). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION, margin: MARGIN });
}

/**
 * The code as a PNG data URL: black and white, 1 bit a pixel, about 500 px wide. Encoded here from
 * the library's module matrix rather than by its PNG writer (pngjs), which writes 32-bit RGBA
 * (ten times the bytes) and takes seconds a code under Jest's module sandbox.
 */
export function qrPngDataUrl(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  const n = modules.size + 2 * MARGIN;
  const scale = Math.max(1, Math.floor(PNG_TARGET_PX / n));
  const px = n * scale;
  const rowBytes = Math.ceil(px / 8);
  // Grayscale, 1 bit: 1 is white. Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc((rowBytes + 1) * px, 0);
  for (let y = 0; y < px; y++) {
    const my = Math.floor(y / scale) - MARGIN;
    const row = y * (rowBytes + 1);
    for (let x = 0; x < px; x++) {
      const mx = Math.floor(x / scale) - MARGIN;
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx);
      if (!dark) raw[row + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(px, 0);
  ihdr.writeUInt32BE(px, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, adaptive filtering, no interlace
  const png = Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString('base64')}`;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}
