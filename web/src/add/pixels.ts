import { AddError } from './errors.ts';

// Pictures to RGBA pixels for the decoder. Canvases are sized to the picture; a huge one (a 6K
// screen) is scaled down to a pixel budget that still leaves a QR code's modules whole.
const MAX_PIXELS = 24_000_000;

function context(width: number, height: number): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  const canvas =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(width, height)
      : Object.assign(document.createElement('canvas'), { width, height });
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as
    | CanvasRenderingContext2D
    | OffscreenCanvasRenderingContext2D
    | null;
  if (!ctx) throw new AddError('image-unreadable', 'This browser cannot read images here (no 2D canvas).');
  return ctx;
}

function fit(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, Math.sqrt(MAX_PIXELS / (width * height)));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Pixels of an image file or clipboard image; AddError 'image-unreadable' when it is not one. */
export async function pixelsFromBlob(blob: Blob): Promise<ImageData> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    const kind = blob.type ? ` (${blob.type})` : '';
    throw new AddError(
      'image-unreadable',
      `This file${kind} could not be opened as an image. Use a PNG, JPEG, WebP or GIF picture of the QR code.`,
    );
  }
  try {
    const { width, height } = fit(bitmap.width, bitmap.height);
    const ctx = context(width, height);
    // White under transparency, as image viewers show a transparent PNG.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(bitmap, 0, 0, width, height);
    return ctx.getImageData(0, 0, width, height);
  } finally {
    bitmap.close();
  }
}

/** The frame a playing video shows now, or null before its first frame has arrived. */
export function pixelsFromVideo(video: HTMLVideoElement): ImageData | null {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
  const { width, height } = fit(video.videoWidth, video.videoHeight);
  const ctx = context(width, height);
  ctx.drawImage(video, 0, 0, width, height);
  return ctx.getImageData(0, 0, width, height);
}
