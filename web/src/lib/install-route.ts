/**
 * How this browser installs a web app when it fires no `beforeinstallprompt` (only Chromium
 * does). Each answer is what that browser really offers: desktop Firefox has no way to install
 * one, Safari on a Mac has File > Add to Dock, Firefox for Android an item in its menu, and
 * WebKit on Linux (MiniBrowser, GNOME Web) no prompt a page can use.
 */
export type InstallRoute =
  | 'ios'
  | 'mac-safari'
  | 'firefox-desktop'
  | 'firefox-android'
  | 'webkit-other'
  | 'browser-menu';

export function installRoute(userAgent: string, ios: boolean): InstallRoute {
  if (ios) return 'ios';
  if (/\bFirefox\//.test(userAgent)) return /Android/.test(userAgent) ? 'firefox-android' : 'firefox-desktop';
  const webkitOnly = /AppleWebKit\//.test(userAgent) && !/Chrome\/|Chromium\/|CriOS\/|Edg\/|Android/.test(userAgent);
  if (webkitOnly) return /Macintosh/.test(userAgent) ? 'mac-safari' : 'webkit-other';
  return 'browser-menu';
}
