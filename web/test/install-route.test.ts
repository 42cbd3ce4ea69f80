import { describe, expect, it } from 'vitest';
import { installRoute } from '../src/lib/install-route.ts';

// User-agent strings as the browsers send them (the WebKitGTK and Firefox ESR ones are what the
// engine suites' browsers send on this machine).
const UA = {
  chromium: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0',
  firefoxAndroid: 'Mozilla/5.0 (Android 15; Mobile; rv:153.0) Gecko/153.0 Firefox/153.0',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15',
  webkitGtk:
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
};

describe('installRoute', () => {
  it('names what each browser offers', () => {
    expect(installRoute(UA.chromium, false)).toBe('browser-menu');
    expect(installRoute(UA.edge, false)).toBe('browser-menu');
    expect(installRoute(UA.firefoxLinux, false)).toBe('firefox-desktop');
    expect(installRoute(UA.firefoxAndroid, false)).toBe('firefox-android');
    expect(installRoute(UA.safariMac, false)).toBe('mac-safari');
    expect(installRoute(UA.webkitGtk, false)).toBe('webkit-other');
  });
  it('an iPhone or an iPad that says it is a Mac gets the Share sheet steps', () => {
    expect(installRoute(UA.iphone, true)).toBe('ios');
    expect(installRoute(UA.safariMac, true)).toBe('ios');
  });
});
