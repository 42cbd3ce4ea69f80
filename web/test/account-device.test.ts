import { DeviceKindSchema } from '@tessera/core/sync/protocol';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { deviceKindText } from '../src/lib/device-kind.ts';
import { deviceKindFrom, deviceNameFrom, type UserAgentData } from '../src/services/account-device.ts';

// The kind each device sends at sign-in (docs/api.md, "Device kind"), from real user agents:
// browser and OS family only, and always a value the server takes.
const UA = {
  iphoneSafari:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  iphoneChrome:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  // iPadOS Safari asks for desktop sites: it says it is a Mac.
  ipadSafari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  androidChrome:
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  androidSamsung:
    'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36',
  windowsFirefox: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
  windowsEdge:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  macChrome:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  linuxChrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  linuxFirefox: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  linuxHeadless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

// Client Hints as Chromium browsers give them (low entropy: brands with major versions, platform).
const hints = (platform: string, ...brands: string[]): UserAgentData => ({
  platform,
  brands: [{ brand: 'Not_A Brand', version: '24' }, ...brands.map((brand) => ({ brand, version: '131' }))],
});

describe('deviceKindFrom', () => {
  it('names the browser and OS family of real user agents', () => {
    const cases: [string, ReturnType<typeof deviceKindFrom>][] = [
      [UA.iphoneSafari, { browser: 'Safari', os: 'iOS' }],
      [UA.iphoneChrome, { browser: 'Chrome', os: 'iOS' }],
      [UA.androidChrome, { browser: 'Chrome', os: 'Android' }],
      [UA.androidSamsung, { browser: 'Samsung Internet', os: 'Android' }],
      [UA.windowsFirefox, { browser: 'Firefox', os: 'Windows' }],
      [UA.windowsEdge, { browser: 'Edge', os: 'Windows' }],
      [UA.macChrome, { browser: 'Chrome', os: 'macOS' }],
      [UA.ipadSafari, { browser: 'Safari', os: 'macOS' }],
      [UA.linuxChrome, { browser: 'Chrome', os: 'Linux' }],
      [UA.linuxFirefox, { browser: 'Firefox', os: 'Linux' }],
      [UA.linuxHeadless, { browser: 'Chrome', os: 'Linux' }],
      [UA.chromebook, { browser: 'Chrome', os: 'ChromeOS' }],
    ];
    for (const [userAgent, kind] of cases) expect(deviceKindFrom(userAgent), userAgent).toEqual(kind);
  });

  it('takes Client Hints where the browser has them', () => {
    expect(deviceKindFrom(UA.androidChrome, hints('Android', 'Chromium', 'Google Chrome'))).toEqual({
      browser: 'Chrome',
      os: 'Android',
    });
    expect(deviceKindFrom(UA.windowsEdge, hints('Windows', 'Chromium', 'Microsoft Edge'))).toEqual({
      browser: 'Edge',
      os: 'Windows',
    });
    expect(deviceKindFrom(UA.chromebook, hints('Chrome OS', 'Chromium', 'Google Chrome'))).toEqual({
      browser: 'Chrome',
      os: 'ChromeOS',
    });
    // Hints win over a user agent string that says otherwise (a frozen or edited one)...
    expect(deviceKindFrom(UA.linuxChrome, hints('macOS', 'Chromium', 'Opera'))).toEqual({
      browser: 'Opera',
      os: 'macOS',
    });
    // ...but "Chromium" alone (every Chromium browser has it) says less than the string does...
    expect(deviceKindFrom(UA.iphoneSafari, hints('iOS', 'Chromium'))).toEqual({ browser: 'Safari', os: 'iOS' });
    expect(deviceKindFrom('Mozilla/5.0 (X11; Linux x86_64)', hints('Linux', 'Chromium'))).toEqual({
      browser: 'Chrome',
      os: 'Linux',
    });
    // ...and empty or unknown hints leave the string in charge.
    expect(deviceKindFrom(UA.iphoneSafari, { brands: [], platform: '' })).toEqual({ browser: 'Safari', os: 'iOS' });
    expect(deviceKindFrom(UA.androidChrome, hints('Unknown'))).toEqual({ browser: 'Chrome', os: 'Android' });
  });

  it("tells an iPad's Safari, which calls itself a Mac, by its touch screen", () => {
    expect(deviceKindFrom(UA.ipadSafari, null, 5)).toEqual({ browser: 'Safari', os: 'iPadOS' });
    expect(deviceKindFrom(UA.ipadSafari, null, 0)).toEqual({ browser: 'Safari', os: 'macOS' });
    // A touch screen on a Mac running Chrome is just that.
    expect(deviceKindFrom(UA.macChrome, null, 5)).toEqual({ browser: 'Chrome', os: 'macOS' });
  });

  it('leaves out what it cannot tell, and sends nothing when it can tell neither', () => {
    expect(deviceKindFrom('Mozilla/5.0 (Windows NT 10.0) Lynx/2.9')).toEqual({ os: 'Windows' });
    expect(deviceKindFrom('Mozilla/5.0 (Plan 9) Firefox/120.0')).toEqual({ browser: 'Firefox' });
    expect(deviceKindFrom('curl/8.5.0')).toBeNull();
    expect(deviceKindFrom('')).toBeNull();
  });

  it('sends only family names the server takes: no version, no user agent', () => {
    const all = [...Object.values(UA).map((ua) => deviceKindFrom(ua)), deviceKindFrom(UA.ipadSafari, null, 5)];
    for (const kind of all) {
      expect(v.safeParse(DeviceKindSchema, kind).success, JSON.stringify(kind)).toBe(true);
      expect(JSON.stringify(kind)).not.toMatch(/\d|\//);
    }
  });

  it('keeps the default device names as they were', () => {
    expect(deviceNameFrom(UA.iphoneSafari)).toBe('Safari on iPhone');
    expect(deviceNameFrom(UA.androidChrome)).toBe('Chrome on Android');
    expect(deviceNameFrom(UA.windowsEdge)).toBe('Edge on Windows');
    expect(deviceNameFrom('curl/8.5.0')).toBe('Web browser');
  });
});

describe('deviceKindText', () => {
  it('words a kind for the devices list', () => {
    expect(deviceKindText({ browser: 'Chrome', os: 'Android' })).toBe('Chrome on Android');
    expect(deviceKindText({ browser: 'Firefox' })).toBe('Firefox');
    expect(deviceKindText({ os: 'iOS' })).toBe('iOS');
    expect(deviceKindText({})).toBeNull();
    expect(deviceKindText(null)).toBeNull();
  });
});
