/**
 * Photos are shrunk in the browser before upload: a phone camera's 4000 × 3000 JPEG (3–6 MB)
 * becomes at most 1600 px on its long edge at JPEG quality 0.8 (~200–400 KB), which still shows
 * a broken lamp or a blocked corridor clearly and takes seconds, not minutes, on slow 3G.
 * Re-encoding also drops the camera's EXIF data, its GPS position among it.
 */

export const MAX_EDGE_PX = 1600;
export const JPEG_QUALITY = 0.8;

/** The size to draw a `width` × `height` image at so that neither edge exceeds `maxEdge`. */
export function fitWithin(width: number, height: number, maxEdge = MAX_EDGE_PX): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The photo as a JPEG of at most MAX_EDGE_PX. A file the browser cannot decode (e.g. HEIC where
 * unsupported) is returned as it is: the gateway then says whether it takes it.
 */
export async function downscale(file: Blob): Promise<Blob> {
  const url = URL.createObjectURL(file);
  try {
    // <img> decoding applies the EXIF orientation (browsers do since 2020), so portraits stay upright.
    const img = await loadImage(url);
    const size = fitWithin(img.naturalWidth, img.naturalHeight);
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    // JPEG has no transparency: a transparent PNG would turn black without a white ground.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.drawImage(img, 0, 0, size.width, size.height);
    const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
    return jpeg ?? file;
  } catch {
    return file;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the browser cannot decode this image'));
    img.src = url;
  });
}
