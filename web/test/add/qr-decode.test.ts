import { formatMigrationUris } from '@tessera/core/otp/migration';
import { describe, expect, it } from 'vitest';
import { crop, decodeQr, toGray } from '../../src/workers/qr-decode.ts';
import { canvas, drawClutter, drawQr } from './pictures.ts';

// Pictures drawn with an independent encoder (qrcode-generator), shaped like what users feed
// the image and screen paths: whole desktop screenshots, dark themes, downscaled renderings.
const uri = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example&period=30';

describe('decodeQr', () => {
  it('reads a plain QR code', () => {
    const c = canvas(200, 200);
    drawQr(c, uri, 30, 30, 2);
    expect(decodeQr(c)).toBe(uri);
  });

  it('reads a small code inside a full-HD screenshot full of text', () => {
    const c = canvas(1920, 1080);
    drawClutter(c);
    c.fill(1500, 700, 260, 260, 0xffffff);
    drawQr(c, uri, 1520, 720, 2);
    expect(decodeQr(c)).toBe(uri);
  });

  it('reads a code drawn light on dark (a dark theme)', () => {
    const c = canvas(1280, 800, 0x111827);
    drawClutter(c, 3, 0xdddddd);
    drawQr(c, uri, 600, 300, 3, { dark: 0xeeeeee, light: 0x111827 });
    expect(decodeQr(c)).toBe(uri);
  });

  it('reads a low-contrast code', () => {
    const c = canvas(800, 600);
    drawQr(c, uri, 300, 200, 3, { dark: 0x777777, light: 0xbbbbbb });
    expect(decodeQr(c)).toBe(uri);
  });

  it('reads a 4K screen scaled to 60 %, where a module is 2.4 blurred pixels', () => {
    const c = canvas(3840, 2160);
    drawClutter(c, 5);
    c.fill(1500, 500, 700, 700, 0xffffff);
    drawQr(c, uri, 1540, 540, 4);
    const small = crop(toGray(c), 0, 0, c.width, c.height, 0.6);
    const rgba = new Uint8ClampedArray(small.width * small.height * 4);
    small.lum.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
    expect(decodeQr({ data: rgba, width: small.width, height: small.height })).toBe(uri);
  });

  it('reads a transparent PNG as if on white', () => {
    const c = canvas(200, 200);
    drawQr(c, uri, 30, 30, 2);
    // Light modules fully transparent, dark ones opaque: how many QR PNGs are saved.
    for (let p = 0; p < c.data.length; p += 4) if (c.data[p] === 255) c.data.set([0, 0, 0, 0], p);
    expect(decodeQr(c)).toBe(uri);
  });

  it('reads the dense QR code of a Google Authenticator export of ten accounts', () => {
    const otps = Array.from({ length: 10 }, (_, i) => ({
      type: 'totp' as const,
      secret: new Uint8Array(20).fill(i + 1),
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      counter: 0,
      issuer: `Service ${i}`,
      account: `someone${i}@example.com`,
    }));
    const [migration] = formatMigrationUris(otps, { batchId: 1 });
    const c = canvas(1280, 900);
    drawQr(c, migration!, 300, 100, 4);
    expect(decodeQr(c)).toBe(migration);
  });

  it('reads symbols that zxing-js misses at their drawn size (5 to 8 px modules)', () => {
    // Measured: these versions fail in zxing-js's detector at these module sizes and read once
    // the picture is resized, which decodeQr does.
    for (const [length, module] of [
      [80, 6],
      [220, 5],
      [230, 6],
      [240, 8],
    ] as const) {
      const text = Array.from({ length }, (_, i) => 'abcdefghijklmnopqrstuvwxyz0123456789'[(i * 7) % 36]).join('');
      const c = canvas(1200, 1200);
      drawQr(c, text, 100, 100, module);
      expect(decodeQr(c, { thorough: false })).toBe(text);
    }
  });

  it('prefers the OTP code when a page shows another code beside it', () => {
    for (const [appModule, otpModule] of [
      [3, 3],
      [2, 4],
      [3, 5],
    ] as const) {
      const c = canvas(1920, 1080);
      drawClutter(c, 7);
      drawQr(c, 'https://apps.example.com/download/authenticator-app', 400, 300, appModule);
      drawQr(c, uri, 1200, 300, otpModule);
      expect(decodeQr(c)).toBe(uri);
    }
  });

  it('gives the other text when no code holds an OTP, for the caller to explain', () => {
    const c = canvas(640, 480);
    drawQr(c, 'https://example.com/welcome', 200, 150, 3);
    expect(decodeQr(c)).toBe('https://example.com/welcome');
  });

  it('returns null when there is no code, and for pictures too small to hold one', () => {
    const c = canvas(640, 480);
    drawClutter(c);
    expect(decodeQr(c)).toBeNull();
    expect(decodeQr(canvas(10, 10))).toBeNull();
  });
});
