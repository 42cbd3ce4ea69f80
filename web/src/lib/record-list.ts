import type { RecordView } from '@tessera/core/vault/record';
import { fold, hostOf, matches, searchScore, searchTerms } from './search.ts';

export { fold, hostOf, matches };

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

/** The order a person reads records in: by name, then account; the id only makes it total. */
export function compareByName(a: RecordView, b: RecordView): number {
  return (
    collator.compare(displayName(a), displayName(b)) ||
    collator.compare(displayAccount(a), displayAccount(b)) ||
    (a.id < b.id ? -1 : 1)
  );
}

/** The name a person recognises a record by: its title, else the OTP issuer, else the site. */
export function displayName(record: RecordView): string {
  return record.title.trim() || record.otp?.issuer.trim() || hostOf(record.url) || record.username.trim() || 'Untitled';
}

/** The second line: the account the code or password belongs to. */
export function displayAccount(record: RecordView): string {
  return record.otp?.account.trim() || record.username.trim();
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

/**
 * The records the list shows for `query`. With no search words they are in the chosen order;
 * while searching the best match comes first (see lib/search.ts). Among equals (every record
 * when not searching) favourites are pinned on top, each group in the chosen order.
 */
export function listRecords(
  records: readonly RecordView[],
  query: ListQuery,
  lastUsed: ReadonlyMap<string, number>,
): RecordView[] {
  const terms = searchTerms(query.text);
  const scores = new Map<RecordView, number>();
  for (const record of records) {
    if (record.deleted) continue;
    if (query.kind === 'codes' && record.otp === null) continue;
    if (query.tag !== null && !hasTag(record, query.tag)) continue;
    const score = searchScore(record, terms);
    if (score > 0) scores.set(record, score);
  }
  const order: Record<SortOrder, (a: RecordView, b: RecordView) => number> = {
    name: compareByName,
    recent: (a, b) => (lastUsed.get(b.id) ?? 0) - (lastUsed.get(a.id) ?? 0) || compareByName(a, b),
    added: (a, b) => b.createdAt - a.createdAt || compareByName(a, b),
  };
  return [...scores.keys()].sort(
    (a, b) =>
      (scores.get(b) ?? 0) - (scores.get(a) ?? 0) ||
      Number(b.favourite) - Number(a.favourite) ||
      order[query.sort](a, b),
  );
}

/** Matches of a search that the current view leaves out, so the list can say where they are. */
export interface HiddenMatches {
  /** Records without a code that match, left out by the "Codes" view. */
  withoutCode: number;
  /** Records that match but lack the chosen tag (counted in the view's kind). */
  outsideTag: number;
}

export function hiddenMatches(records: readonly RecordView[], query: ListQuery): HiddenMatches {
  const hidden: HiddenMatches = { withoutCode: 0, outsideTag: 0 };
  const terms = searchTerms(query.text);
  if (terms.length === 0) return hidden;
  for (const record of records) {
    if (record.deleted || searchScore(record, terms) === 0) continue;
    const tagged = query.tag === null || hasTag(record, query.tag);
    const kindOk = query.kind === 'all' || record.otp !== null;
    if (!kindOk && tagged) hidden.withoutCode++;
    if (kindOk && !tagged) hidden.outsideTag++;
  }
  return hidden;
}
