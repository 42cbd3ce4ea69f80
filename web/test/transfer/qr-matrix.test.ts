import { formatMigrationUris } from '@tessera/core/otp/migration';
import type { Otp } from '@tessera/core/otp/types';
import { formatOtpUri } from '@tessera/core/otp/uri';
import qrcode from 'qrcode-generator';
import { describe, expect, it } from 'vitest';
import { decodeQr } from '../../src/workers/qr-decode.ts';
import { qrMatrix, type QrMatrix } from '../../src/screens/transfer/qr-matrix.ts';
import { canvas } from '../add/pictures.ts';

// The QR codes the export screens draw, rasterised from the SVG path they render and read back
// with the app's QR reader (zxing), as a phone camera would read the screen.

const RUN = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/g;

/** Fills the path's runs (the only shape qrMatrix writes) at `module` pixels per module. */
function rasterise(matrix: QrMatrix, module: number) {
  const c = canvas(matrix.size * module, matrix.size * module);
  let covered = 0;
  for (const [run, x, y, w, back] of matrix.path.matchAll(RUN)) {
    expect(back).toBe(w);
    c.fill(Number(x) * module, Number(y) * module, Number(w) * module, module, 0x000000);
    covered += run.length;
  }
  // Nothing in the path that the pattern above did not draw.
  expect(covered).toBe(matrix.path.length);
  return c;
}

const rfcSecret = new TextEncoder().encode('12345678901234567890');
const github: Otp = {
  type: 'totp',
  secret: rfcSecret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'GitHub',
  account: 'ada@example.com',
};

describe('qrMatrix', () => {
  it('draws an otpauth:// link that reads back', () => {
    const uri = formatOtpUri(github);
    expect(decodeQr(rasterise(qrMatrix(uri), 4))).toBe(uri);
  });

  it('draws a full Google Authenticator export batch (ten accounts with 64-byte secrets) that reads back', () => {
    const otps = Array.from(
      { length: 10 },
      (_, i): Otp => ({
        ...github,
        secret: Uint8Array.from({ length: 64 }, (_, j) => (7 * j + i) & 255),
        issuer: `Long issuer name number ${i}`,
        account: `someone.with.a.long.address${i}@example.com`,
      }),
    );
    const [uri] = formatMigrationUris(otps, { batchId: 1 });
    const matrix = qrMatrix(uri!);
    expect(decodeQr(rasterise(matrix, 3))).toBe(uri);
  });

  it('writes text beyond Latin-1 as UTF-8 bytes', () => {
    const text = 'otpauth://totp/Ünïcødé%20Bank:erin?secret=JBSWY3DPEHPK3PXP&issuer=Ünïcødé Bank 🔑';
    expect(decodeQr(rasterise(qrMatrix(text), 4))).toBe(text);
  });

  it('has the modules of qrcode-generator at level M, inside a four-module quiet zone', () => {
    const text = formatOtpUri(github);
    const qr = qrcode(0, 'M');
    qr.addData(text, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    const matrix = qrMatrix(text);
    expect(matrix.size).toBe(n + 8);
    const dark = new Set<string>();
    for (const [, x, y, w] of matrix.path.matchAll(RUN))
      for (let i = 0; i < Number(w); i++) dark.add(`${Number(x) + i},${y}`);
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) expect(dark.has(`${c + 4},${r + 4}`)).toBe(qr.isDark(r, c));
    expect(dark.size).toBe([...Array(n * n).keys()].filter((i) => qr.isDark(Math.floor(i / n), i % n)).length);
  });

  it('falls back to level L for text that M cannot hold, and refuses text no QR code holds', () => {
    // Version 40 holds 2,331 bytes at M and 2,953 at L (ISO/IEC 18004 Table 7).
    const between = 'a'.repeat(2500);
    const atL = qrcode(0, 'L');
    atL.addData(between, 'Byte');
    atL.make();
    expect(qrMatrix(between).size).toBe(atL.getModuleCount() + 8);
    const atM = qrcode(0, 'M');
    atM.addData(between, 'Byte');
    expect(() => atM.make()).toThrow();
    expect(qrMatrix('a'.repeat(2953)).size).toBe(177 + 8);
    expect(() => qrMatrix('a'.repeat(2954))).toThrow(RangeError);
  });
});
