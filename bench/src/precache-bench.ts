import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// What the service worker precaches (web/dist/sw.js lists it): the download an install or an
// update costs, raw and gzip, and how many copies of the QR decoder (zxing) it holds. The
// decoder used to be bundled twice, into the camera chunk and into the QR worker; it is one
// chunk now that both load.

// A class name zxing-js keeps as a string in every build (its exceptions name themselves).
const ZXING_MARK = 'NotFoundException';

export interface PrecacheFigures {
  entries: number;
  rawKiB: number;
  gzipKiB: number;
  zxingCopies: number;
  zxingGzipKiB: number;
}

export function precacheFigures(dist: string): PrecacheFigures | null {
  const sw = join(dist, 'sw.js');
  if (!existsSync(sw)) return null;
  const urls = [...readFileSync(sw, 'utf8').matchAll(/\{url:"([^"]+)",revision:/g)].map((m) => m[1] as string);
  let raw = 0;
  let gzip = 0;
  let zxingCopies = 0;
  let zxingGzip = 0;
  for (const url of urls) {
    const bytes = readFileSync(join(dist, url));
    const packed = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += packed;
    if (url.endsWith('.js') && bytes.includes(ZXING_MARK)) {
      zxingCopies++;
      zxingGzip += packed;
    }
  }
  const kib = (n: number) => Math.round((n / 1024) * 10) / 10;
  return { entries: urls.length, rawKiB: kib(raw), gzipKiB: kib(gzip), zxingCopies, zxingGzipKiB: kib(zxingGzip) };
}

export function printPrecache(dist: string): void {
  const figures = precacheFigures(dist);
  if (figures === null) {
    console.log(`PWA precache: no ${join(dist, 'sw.js')} (build the web app first: pnpm --filter @tessera/web build)`);
    return;
  }
  console.log(
    `PWA precache (${dist}): ${figures.entries} files, ${figures.rawKiB} KiB raw, ${figures.gzipKiB} KiB gzip; ` +
      `QR decoder (zxing): ${figures.zxingCopies} ${figures.zxingCopies === 1 ? 'copy' : 'copies'}, ${figures.zxingGzipKiB} KiB gzip`,
  );
}
