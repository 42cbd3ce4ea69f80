import qrcode from 'qrcode-generator';

// A QR code drawn locally (qrcode-generator), as one SVG path: no network, no canvas, no inline
// style (the app's CSP has no 'unsafe-inline'), and sharp at any size.

export interface QrMatrix {
  /** Width and height in modules, the quiet zone included. */
  size: number;
  /** The dark modules as an SVG path in module units, each row's runs merged. */
  path: string;
}

// ISO/IEC 18004 §6.3.8: a quiet zone of four modules on every side.
const QUIET_ZONE = 4;
const utf8 = new TextEncoder();

/**
 * The QR code of `text` at error correction level M (15 % of the symbol can be lost), or L when
 * M cannot hold it (a dense Google Authenticator export). Throws when even L cannot.
 */
export function qrMatrix(text: string): QrMatrix {
  // qrcode-generator's byte mode takes one character per byte: UTF-8 first, so any text comes
  // out as its UTF-8 bytes (ISO/IEC 18004 8-bit byte mode), as decoders read it.
  const bytes = String.fromCharCode(...utf8.encode(text));
  let qr: ReturnType<typeof qrcode> | undefined;
  for (const level of ['M', 'L'] as const) {
    try {
      qr = qrcode(0, level);
      qr.addData(bytes, 'Byte');
      qr.make();
      break;
    } catch {
      // qrcode-generator throws a string ("code length overflow") when the text does not fit.
      qr = undefined;
    }
  }
  if (qr === undefined) throw new RangeError('The text is too long for a QR code');
  const count = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; ) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      let end = col + 1;
      while (end < count && qr.isDark(row, end)) end++;
      parts.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h${end - col}v1h-${end - col}z`);
      col = end;
    }
  }
  return { size: count + 2 * QUIET_ZONE, path: parts.join('') };
}
