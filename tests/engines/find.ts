// What a test points at, in the user's terms (a role and its accessible name, a label, a text),
// and the function that finds it inside the page. The function is sent to the browser as its
// source text by both WebDriver clients, so it uses nothing from this module's scope.

/** A name as the user reads it: exact after collapsing white space, or a pattern. */
export type Name = string | RegExp;

export type Role =
  | 'alert'
  | 'button'
  | 'checkbox'
  | 'dialog'
  | 'heading'
  | 'link'
  | 'menuitem'
  | 'radio'
  | 'region'
  | 'searchbox'
  | 'status'
  | 'tab'
  | 'textbox';

export type Target =
  | { role: Role; name?: Name; within?: Target }
  | { label: Name; within?: Target }
  | { text: Name; within?: Target }
  | { css: string; has?: Target; text?: Name; within?: Target; hidden?: boolean };

/** The wire form of a Target: patterns as source and flags (a RegExp does not cross over). */
export interface Query {
  role?: string;
  label?: WireName;
  text?: WireName;
  name?: WireName;
  css?: string;
  has?: Query;
  within?: Query;
  hidden?: boolean;
}
interface WireName {
  source: string;
  flags: string;
  exact: boolean;
}

const wireName = (name: Name): WireName =>
  typeof name === 'string'
    ? { source: name, flags: '', exact: true }
    : { source: name.source, flags: name.flags, exact: false };

export function toQuery(target: Target): Query {
  const q: Query = {};
  if ('role' in target) {
    q.role = target.role;
    if (target.name !== undefined) q.name = wireName(target.name);
  } else if ('label' in target) q.label = wireName(target.label);
  else if ('css' in target) {
    q.css = target.css;
    if (target.has) q.has = toQuery(target.has);
    if (target.text !== undefined) q.text = wireName(target.text);
    if (target.hidden) q.hidden = true;
  } else q.text = wireName(target.text);
  if (target.within) q.within = toQuery(target.within);
  return q;
}

export function describe(target: Target): string {
  return JSON.stringify(toQuery(target));
}

/** Runs in the page: the elements (visible unless `hidden`) matching `q`, in document order. */
export function findInPage(q: Query, scope?: Element | Document): Element[] {
  function all(root: Element | Document, query: Query): Element[] {
    const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    const fits = (value: string, n: WireName) =>
      n.exact ? collapse(value) === n.source : new RegExp(n.source, n.flags).test(collapse(value));
    const shown = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden';
    };
    const byIds = (ids: string) =>
      ids
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const nameOf = (el: Element): string => {
      const labelledBy = el.getAttribute('aria-labelledby');
      if (labelledBy) return collapse(byIds(labelledBy));
      const aria = el.getAttribute('aria-label');
      if (aria) return collapse(aria);
      const labels = (el as HTMLInputElement).labels;
      if (labels && labels.length > 0)
        return collapse(
          Array.from(labels)
            .map((l) => (l as HTMLElement).innerText)
            .join(' '),
        );
      if (el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'button')) return collapse(el.value);
      return collapse((el as HTMLElement).innerText ?? el.textContent);
    };
    const roles: Record<string, string> = {
      alert: '[role=alert]',
      button: 'button, [role=button], input[type=button], input[type=submit]',
      checkbox: 'input[type=checkbox], [role=checkbox]',
      dialog: 'dialog, [role=dialog]',
      heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
      link: 'a[href], [role=link]',
      menuitem: '[role=menuitem], [role=menuitemradio]',
      radio: 'input[type=radio], [role=radio]',
      region: 'section[aria-label], section[aria-labelledby], [role=region]',
      searchbox: 'input[type=search], [role=searchbox]',
      status: '[role=status], output',
      tab: '[role=tab]',
      textbox:
        'input:not([type]), input[type=text], input[type=email], input[type=password], input[type=url], input[type=tel], textarea, [role=textbox]',
    };
    let found: Element[];
    if (query.role) {
      found = Array.from(root.querySelectorAll(roles[query.role] ?? `[role=${query.role}]`)).filter((el) => {
        const explicit = el.getAttribute('role');
        return (explicit === null || explicit === query.role) && (!query.name || fits(nameOf(el), query.name));
      });
    } else if (query.label) {
      const label = query.label;
      found = Array.from(root.querySelectorAll('input, textarea, select')).filter((el) => fits(nameOf(el), label));
    } else if (query.css) {
      const text = query.text;
      const has = query.has;
      found = Array.from(root.querySelectorAll(query.css)).filter(
        (el) =>
          (!text || fits((el as HTMLElement).innerText ?? el.textContent ?? '', text)) &&
          (!has || all(el, has).length > 0),
      );
    } else {
      const text = query.text!;
      // The innermost elements whose own text reads as `text`.
      found = Array.from(root.querySelectorAll('body *')).filter(
        (el) =>
          fits((el as HTMLElement).innerText ?? '', text) &&
          !Array.from(el.children).some((child) => fits((child as HTMLElement).innerText ?? '', text)),
      );
    }
    return query.hidden ? found : found.filter(shown);
  }
  let root: Element | Document = scope ?? document;
  if (q.within) {
    const outer = findInPage(q.within, root)[0];
    if (!outer) return [];
    root = outer;
  }
  return all(root, q);
}
