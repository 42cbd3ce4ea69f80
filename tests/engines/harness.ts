import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser } from 'puppeteer-core';
import type { Engine, EnginePage } from './driver.ts';
import { FirefoxPage, launchFirefox } from './firefox.ts';
import { startRelay, type Relay } from './proxy.ts';
import { WebKitPage } from './webkit.ts';

// What each engine test file starts from: the relay in front of wrangler dev (the origin the
// browser sees), and pages in the engine the suite runs (ENGINE=webkit|firefox), each a fresh
// profile. Everything opened is closed after the file.

export const ENGINE = process.env.ENGINE as Engine;
if (ENGINE !== 'webkit' && ENGINE !== 'firefox') throw new Error('set ENGINE=webkit or ENGINE=firefox');
export const PORT = Number(process.env.ENGINE_PORT ?? (ENGINE === 'webkit' ? 8808 : 8818));
export const ORIGIN = `http://127.0.0.1:${PORT}`;

export interface Suite {
  relay: Relay;
  /** A page in a new, empty profile. */
  open(): Promise<EnginePage>;
  /** The API straight from the test (the dev outbox), past the relay. */
  api: string;
}

export function useEngine(): Suite {
  const pages: EnginePage[] = [];
  let firefox: Browser | undefined;
  const suite = {
    api: '',
    relay: undefined as unknown as Relay,
    async open() {
      let page: EnginePage;
      if (ENGINE === 'webkit') {
        // WebKitWebDriver runs one session at a time: a new profile ends the one before.
        for (const open of pages.splice(0)) await open.close().catch(() => undefined);
        page = await WebKitPage.open(ORIGIN, inject('driverUrl'));
      } else {
        firefox ??= await launchFirefox();
        page = await FirefoxPage.open(ORIGIN, firefox);
      }
      pages.push(page);
      return page;
    },
  };
  beforeAll(async () => {
    suite.api = `http://127.0.0.1:${inject('upstreamPort')}`;
    suite.relay = await startRelay(PORT, inject('upstreamPort'));
  });
  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await firefox?.close();
    await suite.relay?.close();
  });
  return suite;
}
