import qrcode from 'qrcode-generator';
import type { Pixels } from '../../src/workers/qr-decode.ts';

// Test pictures drawn in memory: a QR code from qrcode-generator (an independent encoder) placed
// on a page-like background, so the decoder is checked against what users really feed it.

export interface Canvas extends Pixels {
  fill(x: number, y: number, w: number, h: number, rgb: number): void;
}

export function canvas(width: number, height: number, rgb = 0xffffff): Canvas {
  const data = new Uint8ClampedArray(width * height * 4);
  const c: Canvas = {
    data,
    width,
    height,
    fill(x, y, w, h, colour) {
      for (let row = Math.max(0, y); row < Math.min(height, y + h); row++) {
        for (let col = Math.max(0, x); col < Math.min(width, x + w); col++) {
          const p = (row * width + col) * 4;
          data[p] = (colour >> 16) & 255;
          data[p + 1] = (colour >> 8) & 255;
          data[p + 2] = colour & 255;
          data[p + 3] = 255;
        }
      }
    },
  };
  c.fill(0, 0, width, height, rgb);
  return c;
}

/** Draws `text` as a QR code with its top-left module at (x, y); returns the drawn size. */
export function drawQr(
  c: Canvas,
  text: string,
  x: number,
  y: number,
  module: number,
  colours: { dark: number; light: number } = { dark: 0x000000, light: 0xffffff },
): number {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  // RFC-free but ISO/IEC 18004 §6.3.8: a quiet zone of 4 modules around the symbol.
  c.fill(x - 4 * module, y - 4 * module, (n + 8) * module, (n + 8) * module, colours.light);
  for (let r = 0; r < n; r++) {
    for (let col = 0; col < n; col++) {
      if (qr.isDark(r, col)) c.fill(x + col * module, y + r * module, module, module, colours.dark);
    }
  }
  return n * module;
}

/** Deterministic page clutter: grey panels and rows of word-like dark blocks, as text looks. */
export function drawClutter(c: Canvas, seed = 1, dark = 0x222222): void {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  c.fill(0, 0, c.width, 48, 0x334155);
  c.fill(0, 48, 220, c.height - 48, 0xf1f5f9);
  for (let y = 70; y < c.height - 20; y += 22) {
    let x = 240 + Math.floor(next() * 20);
    while (x < c.width - 60) {
      const w = 12 + Math.floor(next() * 70);
      c.fill(x, y, w, 10, dark);
      x += w + 8;
    }
  }
}
