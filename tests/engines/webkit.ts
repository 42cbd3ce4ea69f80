import { Builder, type WebDriver, type WebElement } from 'selenium-webdriver';
import { EnginePage, findInPage, toQuery } from './driver.ts';
import type { Target } from './find.ts';

// WebKit through WebKitGTK's own WebDriver (Debian's webkit2gtk-driver) and selenium-webdriver
// as a plain W3C client: `usingServer` talks to the running WebKitWebDriver, so selenium never
// looks for or downloads a driver. Each session is a fresh MiniBrowser with its own storage.

export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

export class WebKitPage extends EnginePage<WebElement> {
  readonly engine = 'webkit' as const;
  readonly driver: WebDriver;
  constructor(origin: string, driver: WebDriver) {
    super(origin);
    this.driver = driver;
  }

  static async open(origin: string, driverUrl: string): Promise<WebKitPage> {
    const driver = await new Builder()
      .usingServer(driverUrl)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })
      .build();
    await driver.manage().window().setRect({ width: 1280, height: 860 });
    return new WebKitPage(origin, driver);
  }

  protected async first(target: Target): Promise<WebElement | null> {
    const found = (await this.driver.executeScript(findInPage, toQuery(target))) as WebElement[];
    return found[0] ?? null;
  }

  protected async countOf(target: Target): Promise<number> {
    return ((await this.driver.executeScript(findInPage, toQuery(target))) as WebElement[]).length;
  }

  protected async onElement<R, A extends unknown[]>(
    el: WebElement,
    fn: (el: Element, ...args: A) => R,
    ...args: A
  ): Promise<R> {
    return (await this.driver.executeScript(fn, el, ...args)) as R;
  }

  protected async clickElement(el: WebElement): Promise<void> {
    await el.click();
  }

  protected async typeInto(el: WebElement, text: string): Promise<void> {
    await el.sendKeys(text);
  }

  protected async uploadTo(el: WebElement, path: string): Promise<void> {
    await el.sendKeys(path);
  }

  protected async navigate(url: string): Promise<void> {
    await this.driver.get(url);
  }

  async reload(): Promise<void> {
    await this.driver.navigate().refresh();
  }

  async evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R> {
    return (await this.driver.executeScript(fn, ...args)) as R;
  }

  async close(): Promise<void> {
    await this.driver.quit();
  }
}
