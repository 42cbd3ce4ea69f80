import type { RecordView } from '@tessera/core/vault/record';

// What the codes list shows, in which order: pure so it can be tested and memoised as a whole.
export type SortOrder = 'name' | 'recent' | 'added';
export type ListKind = 'codes' | 'all';

export interface ListQuery {
  text: string;
  tag: string | null;
  kind: ListKind;
  sort: SortOrder;
}

export const SORT_LABELS: Record<SortOrder, string> = {
  name: 'Name',
  recent: 'Recently used',
  added: 'Recently added',
};

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Lower case without accents, so "zoe" finds "Zoë". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

export function hostOf(url: string): string {
  const trimmed = url.trim();
  if (!trimmed) return '';
  try {
    return new URL(/^[a-z][a-z\d+.-]*:/i.test(trimmed) ? trimmed : `https://${trimmed}`).hostname.replace(/^www\./, '');
  } catch {
    return trimmed;
  }
}

/** The name a person recognises a record by: its title, else the OTP issuer, else the site. */
/** The order a person reads records in: by name, then account; the id only makes it total. */
export function compareByName(a: RecordView, b: RecordView): number {
  return (
    collator.compare(displayName(a), displayName(b)) ||
    collator.compare(displayAccount(a), displayAccount(b)) ||
    (a.id < b.id ? -1 : 1)
  );
}

export function displayName(record: RecordView): string {
  return record.title.trim() || record.otp?.issuer.trim() || hostOf(record.url) || record.username.trim() || 'Untitled';
}

/** The second line: the account the code or password belongs to. */
export function displayAccount(record: RecordView): string {
  return record.otp?.account.trim() || record.username.trim();
}

// Records are immutable views (an edit makes a new object), so each one's folded text is
// computed once, not on every keystroke of a search over 1,000 records.
const haystacks = new WeakMap<RecordView, string>();

function haystack(record: RecordView): string {
  let text = haystacks.get(record);
  if (text === undefined) {
    text = fold(
      [
        record.title,
        record.otp?.issuer ?? '',
        record.otp?.account ?? '',
        record.username,
        hostOf(record.url),
        ...record.tags,
      ].join('\n'),
    );
    haystacks.set(record, text);
  }
  return text;
}

export function matches(record: RecordView, text: string): boolean {
  const terms = fold(text).split(/\s+/).filter(Boolean);
  if (terms.length === 0) return true;
  const hay = haystack(record);
  return terms.every((term) => hay.includes(term));
}

/** Tags are one tag whatever their case: "work" and "Work" are the same chip and filter. */
export function tagKey(tag: string): string {
  return tag.trim().toLocaleLowerCase();
}

/** Every tag in use, once whatever its case, in name order, for the filter chips; each shown
 *  in the spelling most records use (the first met on a tie). */
export function allTags(records: readonly RecordView[]): string[] {
  const spellings = new Map<string, Map<string, number>>();
  for (const record of records) {
    if (record.deleted) continue;
    for (const tag of record.tags) {
      const key = tagKey(tag);
      if (key === '') continue;
      const counts = spellings.get(key) ?? new Map<string, number>();
      counts.set(tag.trim(), (counts.get(tag.trim()) ?? 0) + 1);
      spellings.set(key, counts);
    }
  }
  const shown = [...spellings.values()].map(
    (counts) => [...counts.entries()].reduce((best, next) => (next[1] > best[1] ? next : best))[0],
  );
  return shown.sort(collator.compare);
}

function hasTag(record: RecordView, tag: string): boolean {
  const key = tagKey(tag);
  return record.tags.some((t) => tagKey(t) === key);
}

export function listRecords(
  records: readonly RecordView[],
  query: ListQuery,
  lastUsed: ReadonlyMap<string, number>,
): RecordView[] {
  const shown = records.filter(
    (record) =>
      !record.deleted &&
      (query.kind === 'all' || record.otp !== null) &&
      (query.tag === null || hasTag(record, query.tag)) &&
      matches(record, query.text),
  );
  const order: Record<SortOrder, (a: RecordView, b: RecordView) => number> = {
    name: compareByName,
    recent: (a, b) => (lastUsed.get(b.id) ?? 0) - (lastUsed.get(a.id) ?? 0) || compareByName(a, b),
    added: (a, b) => b.createdAt - a.createdAt || compareByName(a, b),
  };
  // Favourites are pinned on top, each group in the chosen order.
  return shown.sort((a, b) => Number(b.favourite) - Number(a.favourite) || order[query.sort](a, b));
}
