// Draws Tessera's app icons (a mosaic of four tiles, "tessera" being one tile of a mosaic) and
// writes them as PNG files under public/icons/, plus the same drawing as public/favicon.svg.
// No image library: shapes are rounded rectangles rasterised with 4x4 supersampling, and the
// PNG is encoded by hand (RFC 2083: IHDR, one IDAT compressed with zlib, IEND, CRC-32).
//   node web/scripts/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  r: number;
  colour: Rgba;
}

const BACKGROUND_TOP: Rgba = [37, 99, 235, 255];
const BACKGROUND_BOTTOM: Rgba = [29, 64, 175, 255];

// Tiles in a 0..1 square; the maskable variant scales them into the central safe zone (a circle
// of 80 % diameter, W3C "maskable icons"), the plain one uses more of the square.
function tiles(scale: number): Rect[] {
  const gap = 0.05 * scale;
  const size = (scale - gap) / 2;
  const o = (1 - scale) / 2;
  const r = size * 0.22;
  return [
    { x: o, y: o, w: size, h: size, r, colour: [255, 255, 255, 255] },
    { x: o + size + gap, y: o, w: size, h: size, r, colour: [255, 255, 255, 150] },
    { x: o, y: o + size + gap, w: size, h: size, r, colour: [255, 255, 255, 150] },
    { x: o + size + gap, y: o + size + gap, w: size, h: size, r, colour: [251, 191, 36, 255] },
  ];
}

function insideRoundedRect(
  px: number,
  py: number,
  rect: { x: number; y: number; w: number; h: number; r: number },
): boolean {
  const cx = Math.min(Math.max(px, rect.x + rect.r), rect.x + rect.w - rect.r);
  const cy = Math.min(Math.max(py, rect.y + rect.r), rect.y + rect.h - rect.r);
  return (
    px >= rect.x &&
    px <= rect.x + rect.w &&
    py >= rect.y &&
    py <= rect.y + rect.h &&
    (px - cx) ** 2 + (py - cy) ** 2 <= rect.r ** 2
  );
}

function over(dst: Rgba, src: Rgba, coverage: number): Rgba {
  const a = (src[3] / 255) * coverage;
  const outA = a + (dst[3] / 255) * (1 - a);
  if (outA === 0) return [0, 0, 0, 0];
  const mix = (i: number) => (src[i]! * a + dst[i]! * (dst[3] / 255) * (1 - a)) / outA;
  return [mix(0), mix(1), mix(2), outA * 255];
}

function draw(size: number, maskable: boolean): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const shapes = tiles(maskable ? 0.5 : 0.6);
  const plate = maskable ? { x: 0, y: 0, w: 1, h: 1, r: 0 } : { x: 0.02, y: 0.02, w: 0.96, h: 0.96, r: 0.22 };
  const n = 4;
  for (let y = 0; y < size; y++) {
    const t = y / (size - 1);
    const bg: Rgba = [0, 1, 2, 3].map((i) => BACKGROUND_TOP[i]! * (1 - t) + BACKGROUND_BOTTOM[i]! * t) as Rgba;
    for (let x = 0; x < size; x++) {
      let plateHits = 0;
      const hits = new Array<number>(shapes.length).fill(0);
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const px = (x + (sx + 0.5) / n) / size;
          const py = (y + (sy + 0.5) / n) / size;
          if (insideRoundedRect(px, py, plate)) plateHits++;
          shapes.forEach((shape, i) => {
            if (insideRoundedRect(px, py, shape)) hits[i]!++;
          });
        }
      }
      let colour: Rgba = [0, 0, 0, 0];
      colour = over(colour, bg, plateHits / (n * n));
      shapes.forEach((shape, i) => {
        colour = over(colour, shape.colour, hits[i]! / (n * n));
      });
      pixels.set(
        colour.map((c) => Math.round(c)),
        (y * size + x) * 4,
      );
    }
  }
  return pixels;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function png(size: number, rgba: Uint8Array): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, size);
  view.setUint32(4, size);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, deflate, no filter method variants, no interlace
  const raw = new Uint8Array(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const file = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    file.set(part, at);
    at += part.length;
  }
  return file;
}

function svg(): string {
  const hex = (c: Rgba) =>
    `#${c
      .slice(0, 3)
      .map((v) => v.toString(16).padStart(2, '0'))
      .join('')}`;
  const rects = tiles(0.6)
    .map(
      (t) =>
        `<rect x="${(t.x * 64).toFixed(2)}" y="${(t.y * 64).toFixed(2)}" width="${(t.w * 64).toFixed(2)}" height="${(t.h * 64).toFixed(2)}" rx="${(t.r * 64).toFixed(2)}" fill="${hex(t.colour)}"${t.colour[3] < 255 ? ` fill-opacity="${(t.colour[3] / 255).toFixed(2)}"` : ''}/>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hex(BACKGROUND_TOP)}"/><stop offset="1" stop-color="${hex(BACKGROUND_BOTTOM)}"/></linearGradient></defs><rect x="1.28" y="1.28" width="61.44" height="61.44" rx="14.08" fill="url(#g)"/>${rects}</svg>\n`;
}

const out = new URL('../public/', import.meta.url);
mkdirSync(new URL('icons/', out), { recursive: true });
const targets: [string, number, boolean][] = [
  ['icons/icon-192.png', 192, false],
  ['icons/icon-512.png', 512, false],
  ['icons/maskable-192.png', 192, true],
  ['icons/maskable-512.png', 512, true],
  ['icons/apple-touch-icon-180.png', 180, true],
];
for (const [name, size, maskable] of targets) {
  writeFileSync(new URL(name, out), png(size, draw(size, maskable)));
}
writeFileSync(new URL('favicon.svg', out), svg());
console.log(`wrote ${targets.length} PNG icons and favicon.svg to ${out.pathname}`);
