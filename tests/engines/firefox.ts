import puppeteer, { type Browser, type BrowserContext, type ElementHandle, type Page } from 'puppeteer-core';
import { EnginePage, findInPage, toQuery } from './driver.ts';
import type { Target } from './find.ts';

// Firefox through WebDriver BiDi, which Firefox speaks itself: Puppeteer (puppeteer-core, which
// never downloads a browser) starts Debian's firefox-esr with a fresh profile and talks to it
// directly, with no geckodriver. Each page gets its own browser context (its own storage).

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: { width: 1280, height: 860 },
  });
}

export class FirefoxPage extends EnginePage<ElementHandle<Element>> {
  readonly engine = 'firefox' as const;
  readonly context: BrowserContext;
  readonly page: Page;
  constructor(origin: string, context: BrowserContext, page: Page) {
    super(origin);
    this.context = context;
    this.page = page;
  }

  static async open(origin: string, browser: Browser): Promise<FirefoxPage> {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    return new FirefoxPage(origin, context, page);
  }

  protected async first(target: Target): Promise<ElementHandle<Element> | null> {
    const list = await this.page.evaluateHandle(findInPage, toQuery(target));
    const head = await list.evaluateHandle((found) => found[0] ?? null);
    await list.dispose();
    const el = head.asElement() as ElementHandle<Element> | null;
    if (!el) await head.dispose();
    return el;
  }

  protected async countOf(target: Target): Promise<number> {
    const list = await this.page.evaluateHandle(findInPage, toQuery(target));
    const n = await list.evaluate((found) => found.length);
    await list.dispose();
    return n;
  }

  protected onElement<R, A extends unknown[]>(
    el: ElementHandle<Element>,
    fn: (el: Element, ...args: A) => R,
    ...args: A
  ): Promise<R> {
    return el.evaluate(fn as (el: Element, ...rest: unknown[]) => R, ...args) as Promise<R>;
  }

  protected async clickElement(el: ElementHandle<Element>): Promise<void> {
    await el.click();
  }

  protected async typeInto(el: ElementHandle<Element>, text: string): Promise<void> {
    await el.type(text);
  }

  protected async uploadTo(el: ElementHandle<Element>, path: string): Promise<void> {
    await (el as ElementHandle<HTMLInputElement>).uploadFile(path);
  }

  protected async navigate(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> {
    return this.page.evaluate(fn as (...rest: unknown[]) => R, ...args) as Promise<R>;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
