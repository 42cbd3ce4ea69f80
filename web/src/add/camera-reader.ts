import { BrowserQRCodeReader, HTMLCanvasElementLuminanceSource } from '@zxing/browser';
import { BinaryBitmap, HybridBinarizer, type Result } from '@zxing/library';

// @zxing/browser's QR reader drives the camera (stream, video element, scan loop); this subclass
// only widens what a frame is tried as. A phone held close gives large modules, which zxing-js
// sometimes misses at the drawn size (see workers/qr-decode.ts), and a dark-themed screen filmed from
// the side gives light modules on dark. A missed frame is retried once, resized or inverted by
// turns, so each frame costs at most two decodes.
// Imported dynamically by CameraPanel, never part of the main chunk.
const SCALES = [0.5, 0.7];

export class CameraQrReader extends BrowserQRCodeReader {
  #retry = 0;
  #small: HTMLCanvasElement | undefined;

  override decodeFromCanvas(canvas: HTMLCanvasElement): Result {
    try {
      return super.decodeFromCanvas(canvas);
    } catch (error) {
      const turn = this.#retry++ % 3;
      try {
        return turn < SCALES.length ? this.#resized(canvas, SCALES[turn]!) : this.#inverted(canvas);
      } catch {
        // The scan loop tells "nothing here yet" from a real failure by the first error's class.
        throw error;
      }
    }
  }

  #resized(canvas: HTMLCanvasElement, scale: number): Result {
    const small = (this.#small ??= document.createElement('canvas'));
    small.width = Math.max(1, Math.round(canvas.width * scale));
    small.height = Math.max(1, Math.round(canvas.height * scale));
    const ctx = small.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D canvas');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(canvas, 0, 0, small.width, small.height);
    return super.decodeFromCanvas(small);
  }

  #inverted(canvas: HTMLCanvasElement): Result {
    return this.decodeBitmap(
      new BinaryBitmap(new HybridBinarizer(new HTMLCanvasElementLuminanceSource(canvas).invert())),
    );
  }
}
