// A letter avatar stands in for a site's icon where no brand icon matches or icons are off
// (icons per site from the network would tell the server or a third party the user's accounts;
// docs/web.md, "Brand icons"). The colour comes from a hash of the name so it is stable across devices and
// sessions, and the hue set keeps white text readable in both themes.
const HUES = [4, 24, 38, 88, 142, 168, 190, 210, 232, 258, 282, 310, 334];

export function avatarLetter(name: string): string {
  const match = name.trim().match(/[\p{L}\p{N}]/u);
  return match ? match[0].toLocaleUpperCase() : '?';
}

/** FNV-1a over UTF-16 code units: small, stable and good enough to spread names over hues. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function avatarHue(name: string): number {
  return HUES[fnv1a(name.trim().toLowerCase()) % HUES.length] ?? HUES[0]!;
}
