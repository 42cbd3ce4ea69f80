import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  InvertedLuminanceSource,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
import type { Binarizer, LuminanceSource } from '@zxing/library';

// Finds a QR code in a still picture: a photo, a phone screenshot, a whole desktop screen where
// the code is a small square among text. zxing's detector looks for the three finder patterns
// anywhere in the image; what defeats it is low contrast, a dark theme (light modules on dark),
// clutter that looks like finder patterns, and modules of one or two pixels. So it tries the
// whole picture in several ways, then overlapping tiles enlarged two times.
// Loaded only when a QR code is read, never with the main chunk. It is one chunk of the app's
// build, with @zxing/library in a chunk it shares with the camera reader (add/camera-reader.ts):
// the decode worker imports it from `decoderUrl` (services/qr-client.ts sends it) instead of
// bundling its own copy, so zxing is fetched, precached and kept once.

/** Where this module is served from, for the decode worker to import it. */
export const decoderUrl = import.meta.url;

/** RGBA pixels, as ImageData holds them (an ImageData is one). */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

interface Gray {
  lum: Uint8ClampedArray;
  width: number;
  height: number;
}

const HINTS = new Map<DecodeHintType, unknown>([
  [DecodeHintType.TRY_HARDER, true],
  [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
  [DecodeHintType.CHARACTER_SET, 'UTF-8'],
]);

/** Luminance (ITU-R BT.601 weights), transparent pixels composited on white as viewers show them. */
export function toGray(pixels: Pixels): Gray {
  const { data, width, height } = pixels;
  const lum = new Uint8ClampedArray(width * height);
  for (let i = 0, p = 0; i < lum.length; i++, p += 4) {
    const y = (data[p]! * 299 + data[p + 1]! * 587 + data[p + 2]! * 114) / 1000;
    const a = data[p + 3]! / 255;
    lum[i] = y * a + 255 * (1 - a);
  }
  return { lum, width, height };
}

/** A region of the picture, scaled by `scale` (2 = each pixel becomes 2x2; 0.5 = 2x2 averaged). */
export function crop(gray: Gray, x: number, y: number, w: number, h: number, scale: number): Gray {
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  const lum = new Uint8ClampedArray(width * height);
  const step = 1 / scale;
  for (let ty = 0; ty < height; ty++) {
    const sy0 = y + Math.floor(ty * step);
    const sy1 = Math.min(y + h, Math.max(sy0 + 1, y + Math.floor((ty + 1) * step)));
    for (let tx = 0; tx < width; tx++) {
      const sx0 = x + Math.floor(tx * step);
      const sx1 = Math.min(x + w, Math.max(sx0 + 1, x + Math.floor((tx + 1) * step)));
      let sum = 0;
      for (let sy = sy0; sy < sy1; sy++) {
        for (let sx = sx0; sx < sx1; sx++) sum += gray.lum[sy * gray.width + sx]!;
      }
      lum[ty * width + tx] = sum / ((sy1 - sy0) * (sx1 - sx0));
    }
  }
  return { lum, width, height };
}

function attempt(source: LuminanceSource, binarizer: (s: LuminanceSource) => Binarizer): string | null {
  try {
    return new QRCodeReader().decode(new BinaryBitmap(binarizer(source)), HINTS).getText();
  } catch {
    // zxing signals "not here" (and damaged codes) by throwing; the caller tries the next way.
    return null;
  }
}

const hybrid = (s: LuminanceSource) => new HybridBinarizer(s);
const global = (s: LuminanceSource) => new GlobalHistogramBinarizer(s);

/** Dark on light, then light on dark (a dark theme); `thorough` adds the global binarizer. */
function tryGray(gray: Gray, thorough = true): string | null {
  if (gray.width < 21 || gray.height < 21) return null;
  const source = new RGBLuminanceSource(gray.lum, gray.width, gray.height);
  const inverted = new InvertedLuminanceSource(source);
  const found = attempt(source, hybrid) ?? attempt(inverted, hybrid);
  if (found !== null || !thorough) return found;
  return attempt(source, global) ?? attempt(inverted, global);
}

/** Overlapping tiles (half a tile apart) of about `size` pixels covering the picture. */
function tiles(width: number, height: number, size: number): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  const w = Math.min(width, size);
  const h = Math.min(height, size);
  const stepX = Math.max(1, Math.floor(w / 2));
  const stepY = Math.max(1, Math.floor(h / 2));
  for (let y = 0; ; y += stepY) {
    const top = Math.min(y, height - h);
    for (let x = 0; ; x += stepX) {
      const left = Math.min(x, width - w);
      out.push([left, top, w, h]);
      if (left + w >= width) break;
    }
    if (top + h >= height) break;
  }
  return out;
}

export interface DecodeOptions {
  /** Also search overlapping tiles; slower, for whole screens and big screenshots. */
  thorough?: boolean;
}

// What the add flow is looking for. A setup page may show a second code (an app-store link
// next to the OTP code): an OTP text is preferred over any other text found.
const OTP_TEXT = /^\s*(?:otpauth|otpauth-migration|steam):/i;

/**
 * The text of a QR code in the picture, an OTP one when there is one, or null when there is no
 * code it can read. Cheapest tries first: the whole picture, then smaller copies, then tiles.
 */
export function decodeQr(pixels: Pixels, options: DecodeOptions = {}): string | null {
  const gray = toGray(pixels);
  const longest = Math.max(gray.width, gray.height);
  const tries: Array<() => string | null> = [() => tryGray(gray)];
  // zxing-js misses some symbols at some module sizes (measured: 5 to 10 px modules, a few
  // versions) and reads them when the picture is resized; a blurred photo also reads better
  // averaged down. So the whole picture is tried again at a few smaller sizes.
  for (const scale of [0.5, 0.7, 0.4]) {
    if (longest * scale >= 100) tries.push(() => tryGray(crop(gray, 0, 0, gray.width, gray.height, scale), false));
  }
  if (options.thorough !== false) {
    if (longest < 600) {
      // A small picture (a cropped code, a phone screenshot scaled down): enlarged, one-pixel
      // modules get room.
      tries.push(() => tryGray(crop(gray, 0, 0, gray.width, gray.height, 2), false));
    } else {
      // Two codes side by side defeat the detector (it mixes their finder patterns), and page
      // clutter can too: tiles about a third of the picture wide look at one region at a time.
      const size = Math.max(300, Math.min(800, Math.round(longest / 3)));
      for (const [x, y, w, h] of tiles(gray.width, gray.height, size))
        tries.push(() => tryGray(crop(gray, x, y, w, h, 1), false));
    }
  }
  let other: string | null = null;
  for (const attempt of tries) {
    const text = attempt();
    if (text === null) continue;
    if (OTP_TEXT.test(text)) return text;
    other ??= text;
  }
  return other;
}
