import type { DeviceKind } from '@tessera/core/sync/protocol';

/** "Chrome on Android", "Firefox", "iOS": how the devices list words a session's kind; null for none. */
export function deviceKindText(kind: DeviceKind | null | undefined): string | null {
  if (!kind) return null;
  if (kind.browser && kind.os) return `${kind.browser} on ${kind.os}`;
  return kind.browser ?? kind.os ?? null;
}
