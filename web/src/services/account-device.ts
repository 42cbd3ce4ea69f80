import type { DeviceKind } from '@tessera/core/sync/protocol';

// What this device is, from the browser's user agent: the name it gets in the account's session
// list ("Chrome on Android", "Safari on iPhone"; the user can change it before signing in), and
// its kind (browser and OS family), sent with every sign-in so the list can tell apart two
// devices the user named alike (docs/api.md, "Device kind"). Only labels for people; nothing
// depends on them. Both are coarse on purpose: a family name each, never a version or a model.
const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\bOPR\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bCriOS\/|Chrom(?:e|ium)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

// The pattern, the word in a device name, the OS family of a device kind.
const SYSTEMS: [RegExp, string, string][] = [
  [/\biPhone\b|\biPod\b/, 'iPhone', 'iOS'],
  [/\biPad\b/, 'iPad', 'iPadOS'],
  [/\bAndroid\b/, 'Android', 'Android'],
  [/\bCrOS\b/, 'ChromeOS', 'ChromeOS'],
  [/\bWindows\b/, 'Windows', 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS', 'macOS'],
  [/\bLinux\b/, 'Linux', 'Linux'],
];

const browserIn = (userAgent: string) => BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
const systemIn = (userAgent: string) => SYSTEMS.find(([pattern]) => pattern.test(userAgent));

export function deviceNameFrom(userAgent: string): string {
  const browser = browserIn(userAgent);
  const system = systemIn(userAgent)?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? 'Web browser';
}

/** The low-entropy part of `navigator.userAgentData` (User-Agent Client Hints), where a browser has it. */
export interface UserAgentData {
  brands?: readonly { brand: string; version?: string }[];
  platform?: string;
}

// Client Hints brands that name one browser. "Chromium" is in every Chromium browser's list (and
// a made-up "Not.A/Brand" one too), so it says less than the user agent string: it counts only
// when the string names no browser.
const BRANDS: [string, string][] = [
  ['Microsoft Edge', 'Edge'],
  ['Opera', 'Opera'],
  ['Samsung Internet', 'Samsung Internet'],
  ['Google Chrome', 'Chrome'],
];
const PLATFORMS: Record<string, string> = {
  Android: 'Android',
  iOS: 'iOS',
  Windows: 'Windows',
  macOS: 'macOS',
  Linux: 'Linux',
  'Chrome OS': 'ChromeOS',
  'Chromium OS': 'ChromeOS',
};

/**
 * This device's kind: browser and OS family. Client Hints where the browser has them (what a
 * Chromium browser says of itself), else the user agent string. `touchPoints` tells an iPad,
 * whose Safari calls itself a Mac, from a Mac. Either part is left out when unknown; null when
 * both are.
 */
export function deviceKindFrom(userAgent: string, data?: UserAgentData | null, touchPoints = 0): DeviceKind | null {
  const brands = data?.brands?.map((b) => b.brand) ?? [];
  const browser =
    BRANDS.find(([brand]) => brands.includes(brand))?.[1] ??
    browserIn(userAgent) ??
    (brands.includes('Chromium') ? 'Chrome' : undefined);
  let os = (data?.platform && PLATFORMS[data.platform]) || systemIn(userAgent)?.[2];
  if (os === 'macOS' && touchPoints > 1 && browser === 'Safari') os = 'iPadOS';
  if (browser === undefined && os === undefined) return null;
  return { ...(browser ? { browser } : {}), ...(os ? { os } : {}) };
}

/** The kind of the browser this runs in. */
export function thisDeviceKind(): DeviceKind | null {
  if (typeof navigator === 'undefined') return null;
  const nav = navigator as Navigator & { userAgentData?: UserAgentData };
  return deviceKindFrom(nav.userAgent, nav.userAgentData, nav.maxTouchPoints ?? 0);
}
