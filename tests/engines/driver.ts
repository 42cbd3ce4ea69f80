import { describe, findInPage, toQuery, type Name, type Target } from './find.ts';

// One way to drive a page in WebKit (W3C WebDriver) and in Firefox (WebDriver BiDi), so each
// flow is written once for both engines. Every action waits for its element the way a user
// would: until it is there and visible, or the timeout names what never appeared.

export type Engine = 'webkit' | 'firefox';

export const TIMEOUT_MS = 20_000;

/** Polls `probe` until it returns something other than undefined/false; the last error is kept. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const fits = (value: string, name: Name) =>
  typeof name === 'string' ? value.replace(/\s+/g, ' ').trim() === name : name.test(value);

export abstract class EnginePage<El = unknown> {
  abstract readonly engine: Engine;
  readonly origin: string;
  constructor(origin: string) {
    this.origin = origin;
  }

  protected abstract first(target: Target): Promise<El | null>;
  protected abstract countOf(target: Target): Promise<number>;
  protected abstract onElement<R, A extends unknown[]>(
    el: El,
    fn: (el: Element, ...args: A) => R,
    ...args: A
  ): Promise<R>;
  protected abstract clickElement(el: El): Promise<void>;
  protected abstract typeInto(el: El, text: string): Promise<void>;
  protected abstract uploadTo(el: El, path: string): Promise<void>;
  protected abstract navigate(url: string): Promise<void>;
  abstract reload(): Promise<void>;
  abstract evaluate<R, A extends unknown[]>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  abstract close(): Promise<void>;

  /**
   * Opens `path`. A change of the #fragment only is done in the page, as a link would: WebKit's
   * WebDriver reloads the document on "navigate to" even then, which locks the vault.
   */
  async goto(path: string): Promise<void> {
    const target = new URL(path, this.origin);
    const here = new URL(await this.evaluate(() => location.href).catch(() => 'about:blank'));
    if (
      target.hash &&
      here.origin === target.origin &&
      here.pathname === target.pathname &&
      here.search === target.search
    ) {
      await this.evaluate((hash) => {
        location.hash = hash;
      }, target.hash);
    } else await this.navigate(target.href);
  }

  async element(target: Target, timeoutMs?: number): Promise<El> {
    try {
      return await until(describe(target), async () => (await this.first(target)) ?? undefined, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${await this.situation()}`);
    }
  }

  /**
   * What the page showed when a wait ran out: its address, what it announced (alerts, status
   * lines, field errors) and the start of its text, so a failure in CI says where the app was.
   */
  async situation(): Promise<string> {
    try {
      const seen = await this.evaluate(() => {
        const said = [...document.querySelectorAll('[role=alert], [role=status], [aria-live], .field-error')]
          .map((el) => (el as HTMLElement).innerText.trim())
          .filter(Boolean);
        return {
          url: location.href,
          said,
          text: (document.body?.innerText ?? '').replace(/\s+/g, ' ').trim().slice(0, 800),
        };
      });
      return `the page at ${seen.url} said ${JSON.stringify(seen.said)} and showed ${JSON.stringify(seen.text)}`;
    } catch (error) {
      return `the page could not be read: ${String(error)}`;
    }
  }

  /**
   * Clicks `target` once it takes the click: while something else covers it (a menu closing, a
   * toast sliding away) the engine refuses with "element click intercepted", and it is tried again.
   */
  async click(target: Target): Promise<void> {
    await until(`${describe(target)} to take a click`, async () => {
      const el = await this.first(target);
      if (!el) return false;
      // To the middle of the view: at an edge a sticky bar may sit over it.
      await this.onElement(el, (e) => e.scrollIntoView({ block: 'center', inline: 'center' }));
      await this.clickElement(el);
      return true;
    });
  }

  /** Empties the field (as select-all + delete would), then types `value` key by key. */
  async fill(target: Target, value: string): Promise<void> {
    const el = await this.element(target);
    await this.onElement(el, (field) => {
      const input = field as HTMLInputElement;
      const proto = Object.getPrototypeOf(input) as object;
      Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(input, '');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    if (value) await this.typeInto(el, value);
    await until(`${describe(target)} to hold what was typed`, () =>
      this.onElement(el, (f, v) => (f as HTMLInputElement).value === v, value),
    );
  }

  /** Ticks a box and waits until it reads ticked (a click the engine dropped is made again). */
  async check(target: Target): Promise<void> {
    const el = await this.element(target);
    await until(`${describe(target)} to be ticked`, async () => {
      if (await this.onElement(el, (box) => (box as HTMLInputElement).checked)) return true;
      await this.clickElement(el);
      return false;
    });
  }

  async select(target: Target, value: string): Promise<void> {
    const el = await this.element(target);
    await this.onElement(
      el,
      (field, v) => {
        (field as HTMLSelectElement).value = v;
        field.dispatchEvent(new Event('change', { bubbles: true }));
      },
      value,
    );
  }

  /** A file input is usually hidden behind its button: it is looked up hidden or not. */
  async upload(target: Target, path: string): Promise<void> {
    await this.uploadTo(await this.element(target), path);
  }

  count(target: Target): Promise<number> {
    return this.countOf(target);
  }

  async text(target: Target): Promise<string> {
    return this.onElement(await this.element(target), (el) => ((el as HTMLElement).innerText ?? '').trim());
  }

  async attr(target: Target, name: string): Promise<string | null> {
    return this.onElement(await this.element(target), (el, n) => el.getAttribute(n), name);
  }

  async value(target: Target): Promise<string> {
    return this.onElement(await this.element(target), (el) => (el as HTMLInputElement).value);
  }

  /** Waits until `target` shows `expected` (exact after collapsing spaces, or a pattern). */
  async expectText(target: Target, expected: Name, timeoutMs?: number): Promise<void> {
    let seen = '';
    try {
      await until(
        `${describe(target)} to read ${String(expected)}`,
        async () => {
          const el = await this.first(target);
          if (!el) return false;
          seen = await this.onElement(el, (e) => ((e as HTMLElement).innerText ?? '').trim());
          return fits(seen, expected);
        },
        timeoutMs,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message} (last seen: ${JSON.stringify(seen)})`);
    }
  }

  async expectVisible(target: Target, timeoutMs?: number): Promise<void> {
    await this.element(target, timeoutMs);
  }

  async expectCount(target: Target, n: number, timeoutMs?: number): Promise<void> {
    await until(
      `${describe(target)} to be there ${n} times`,
      async () => (await this.countOf(target)) === n,
      timeoutMs,
    );
  }
}

export { findInPage, toQuery };
