import type { Capture } from './capture.ts';

// What another app shared to Tessera (Web Share Target). The service worker put it in the
// 'tessera-shared' cache under a random id (web/vite.config.ts); it is read once, deleted from
// the cache at once, and from then on lives only in the page's memory until added or dismissed.

const LINK = /(otpauth|otpauth-migration|steam):\/\/\S+/i;

export async function takeShared(id: string): Promise<Capture | null> {
  if (typeof caches === 'undefined') return null;
  const cache = await caches.open('tessera-shared');
  const prefix = `${location.origin}/shared/${id}/`;
  const keys = (await cache.keys()).filter((k) => k.url.startsWith(prefix));
  const files: File[] = [];
  let text = '';
  for (const key of keys) {
    const response = await cache.match(key);
    if (response === undefined) continue;
    if (key.url.endsWith('/text')) text = await response.text();
    else {
      const blob = await response.blob();
      files.push(new File([blob], 'shared picture', { type: blob.type }));
    }
  }
  await Promise.all(keys.map((k) => cache.delete(k)));
  if (files.length > 0) return { kind: 'files', files };
  // Shared text may carry the link inside a sentence ("Your setup link: otpauth://…").
  const link = LINK.exec(text)?.[0];
  if (link !== undefined) return { kind: 'text', text: link };
  return text.trim() === '' ? null : { kind: 'text', text: text.trim() };
}
